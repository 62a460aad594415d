// How keyspace values and TTLs read in the table after a run.
import assert from "node:assert/strict";
import { test } from "node:test";

import { formatTTL, formatValue } from "../../theme/assets/js/keyspace-table.js";

test("TTLs in the unit that reads best", () => {
  assert.equal(formatTTL(-1), "no expiry");
  assert.equal(formatTTL(undefined), "no expiry");
  assert.equal(formatTTL(250), "250 ms");
  assert.equal(formatTTL(59_500), "59.5 s");
  assert.equal(formatTTL(600_000), "10 min");
  assert.equal(formatTTL(36_000_000), "10 h");
});

test("values like valkey-cli shows them", () => {
  assert.equal(formatValue("string", 'say "hi"'), '"say \\"hi\\""');
  assert.equal(formatValue("list", ["a", "b"]), '1) "a"\n2) "b"');
  assert.equal(formatValue("hash", { f: "v" }), 'f → "v"');
  assert.equal(formatValue("zset", [["m", "inf"]]), '1) "m" (score inf)');
  assert.equal(formatValue("stream", [{ id: "1-0", fields: { a: "b" } }]), '1-0  a="b"');
  assert.equal(formatValue("list", "not a list"), "");
});
