#!/usr/bin/env python3
"""sitegen vs Hugo on three content shapes, measured in one run so the ratios are fair.

Each shape is written twice with the same Markdown: in CodeAlong's content layout and as a Hugo site, both
rendered with equivalent minimal templates (bench/sitegen/theme/ and bench/sitegen/hugo/):
  course - synthetic courses of 9 steps (starter, solution, test.py each) and some free pages, ~2.5 KB of
           step-like Markdown per page (`--sizes` pages in all)
  plain  - `--plain` plain pages in one section, each a heading, prose, a table, a fenced code block, a task
           list and three links
  docs   - a real documentation set: this repository's own courses (content/courses/*, Markdown, starters,
           solutions, tests as they are) copied `--copies` times, with content/pages
Builds each with a release `sitegen` and with Debian's `hugo`, checks both wrote the same number of HTML pages,
and records wall time, CPU time (user+sys) and peak RSS (/usr/bin/time -v) for:
  full       - a clean build: output folder and cache removed first (Hugo: its cacheDir and resources too)
  no-change  - the same build again, nothing edited
  one-edit   - after appending a paragraph to one page's Markdown

Usage: python3 bench/sitegen/bench.py [--shapes course plain docs] [--sizes 10000] [--plain 10000]
                                      [--copies 250] [--repeat 3] [--no-build]
Installs hugo and GNU time with apt-get when they are missing. Builds sitegen with
`swift build -c release --scratch-path .build-release --product sitegen` unless --no-build.
Writes bench/results/sitegen-<timestamp>.json and prints a Markdown table.
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# BENCH_SITEGEN=/path/to/an/older/sitegen (with --no-build) compares another build against the same Hugo runs.
SITEGEN = Path(os.environ.get("BENCH_SITEGEN", ROOT / ".build-release" / "release" / "sitegen"))
# On tmpfs when there is one: this machine's disk is ext4 without a journal, where creating an inode skips every
# inode freed in the last minutes (ext4's recently_deleted), so a clean build right after deleting the last one
# spends most of its time in the kernel, for both tools alike. BENCH_WORK=/some/disk/folder measures that instead.
DEFAULT_WORK = "/dev/shm/codealong-bench-sitegen" if os.path.isdir("/dev/shm") else "/tmp/codealong-bench-sitegen"
WORK = Path(os.environ.get("BENCH_WORK", DEFAULT_WORK))
# Pages sitegen always publishes besides the content's own (home and 404 are counted separately).
FIXED_SITEGEN_PAGES = ["commands", "templates", "playground"]
STEPS_PER_COURSE = 9

WORDS = (
    "server client reply command protocol socket buffer parse bulk string array integer error simple key value "
    "expire list hash set sorted stream channel publish subscribe cluster slot replica primary snapshot append "
    "connection request response latency memory eviction pipeline transaction script module"
).split()


def words(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count))


def sentence(rng, count=12):
    text = words(rng, count)
    return text[0].upper() + text[1:] + "."


def step_slug(rng, number):
    return f"{number:02d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}"


def markdown_body(rng, link, anchor_link):
    """About 3 KB of Markdown: the mix of a real step (prose, lists, a table, two fences, links)."""
    rows = "\n".join(f"| `{rng.choice('+-:$*')}` | {words(rng, 2)} | `{words(rng, 1)}\\r\\n` | {words(rng, 4)} |" for _ in range(5))
    return f"""
{sentence(rng, 20)} Read **{words(rng, 2)}** and `{words(rng, 1)}` first, as [the previous step]({link}) showed.
{sentence(rng, 18)}

## What to build

{sentence(rng, 25)} {sentence(rng, 15)}

- {sentence(rng, 8)} See [on the wire](#on-the-wire).
- {sentence(rng, 10)} Use `{words(rng, 1)}()` here.
- {sentence(rng, 9)}
- ~~{words(rng, 3)}~~ {sentence(rng, 6)}

## On the wire

```text
client → server:  *1\\r\\n$4\\r\\nPING\\r\\n
server → client:  +PONG\\r\\n
```

| Type | Name | Example | Used for |
|---|---|---|---|
{rows}

## An example

```python
import socket

def serve(port=6379):
    with socket.create_server(("127.0.0.1", port)) as server:
        connection, _ = server.accept()
        while data := connection.recv(1024):
            connection.sendall(b"+PONG\\r\\n")  # {words(rng, 3)}
```

{sentence(rng, 22)} {sentence(rng, 14)}

## Common mistakes

1. **{words(rng, 2)}.** {sentence(rng, 12)}
2. **{words(rng, 2)}.** {sentence(rng, 10)}
3. **{words(rng, 2)}.** {sentence(rng, 11)}

See also [a related step]({anchor_link}) and [Valkey's documentation](https://valkey.io/topics/protocol/).
"""


def plan(pages):
    fixed = 2 + len(FIXED_SITEGEN_PAGES)  # home, 404, and the fixed pages
    courses = (pages - fixed - pages // 20) // (STEPS_PER_COURSE + 1)
    free = pages - fixed - courses * (STEPS_PER_COURSE + 1)
    return courses, free


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def start_sites(folder, intro, summary):
    """Empties folder and writes the parts both layouts of every shape share: site config, home page, the pages
    sitegen always publishes (so both tools write the same pages), Hugo's layouts."""
    shutil.rmtree(folder, ignore_errors=True)
    ours = folder / "ours" / "content"
    hugo = folder / "hugo"
    (ours / "pages").mkdir(parents=True)
    (hugo / "content").mkdir(parents=True)
    for part in ("layouts", "static"):
        shutil.copytree(HERE / "hugo" / part, hugo / part)
    write(ours / "site.yml", "title: Bench\nbase_url: http://localhost\ngrader_url: \"\"\nnav:\n  - title: Home\n    url: /\n")
    write(
        hugo / "hugo.toml",
        'baseURL = "http://localhost/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        '[[menu.main]]\nname = "Home"\nurl = "/"\n',
    )
    write(ours / "pages" / "index.md", f"---\ntitle: Bench\nsummary: {summary}\n---\n{intro}")
    write(hugo / "content" / "_index.md", f"---\ntitle: Bench\ndescription: {summary}\n---\n{intro}")
    for name in FIXED_SITEGEN_PAGES:
        write(hugo / "content" / f"{name}.md", f"---\ntitle: {name}\n---\n")
    return ours, hugo


def generate_course(pages, folder):
    """Course-shaped synthetic site of about `pages` pages: courses of 9 steps and some free pages."""
    rng = random.Random(pages)
    ours, hugo = start_sites(folder, markdown_body(rng, "/", "/"), sentence(rng))
    courses, free = plan(pages)

    slugs = [[step_slug(rng, n + 1) for n in range(STEPS_PER_COURSE)] for _ in range(courses)]
    # Links point at real pages and real headings in both layouts.
    def link(course, step, anchor=""):
        return f"/courses/course-{course:04d}/{slugs[course][step]}/" + (f"#{anchor}" if anchor else "")

    for number in range(free):
        body = markdown_body(rng, "/", link(rng.randrange(courses), 0, "what-to-build") if courses else "/")
        hugo_body = body.replace("](/courses/", "](/")
        summary = sentence(rng)
        write(ours / "pages" / f"page-{number:04d}.md", f"---\ntitle: Page {number}\nsummary: {summary}\n---\n{body}")
        write(hugo / "content" / f"page-{number:04d}.md", f"---\ntitle: Page {number}\ndescription: {summary}\n---\n{hugo_body}")
    for course in range(courses):
        cid = f"course-{course:04d}"
        summary = sentence(rng)
        write(ours / "courses" / cid / "course.yml", f"title: Course {course}\nsummary: {summary}\nlanguages: [python]\norder: {course}\n")
        write(hugo / "content" / cid / "_index.md", f"---\ntitle: Course {course}\ndescription: {summary}\nweight: {course}\n---\n")
        for step in range(STEPS_PER_COURSE):
            slug = slugs[course][step]
            title = f"{words(rng, 3).capitalize()} {course}.{step}"
            summary = sentence(rng)
            previous = link(course, max(step - 1, 0))
            other = (rng.randrange(courses), rng.randrange(STEPS_PER_COURSE))
            body = markdown_body(rng, previous, link(*other, anchor="on-the-wire"))
            hugo_body = body.replace("](/courses/", "](/")
            folder_ = ours / "courses" / cid / slug
            write(folder_ / "step.md", f"---\ntitle: {title}\nsummary: {summary}\n---\n{body}")
            write(folder_ / "starter" / "python" / "main.py", "import socket\n\n# TODO: answer PING\n")
            write(folder_ / "solution" / "python" / "main.py", "import socket\nprint('+PONG')\n")
            write(folder_ / "test.py", "from codealong import tester\n")
            write(
                hugo / "content" / cid / f"{slug}.md",
                f"---\ntitle: {title}\ndescription: {summary}\nweight: {step + 1}\n---\n{hugo_body}",
            )
    # The file the one-edit measurement changes, in each layout.
    middle = courses // 2
    return {
        "ours": ours / "courses" / f"course-{middle:04d}" / slugs[middle][4] / "step.md",
        "hugo": hugo / "content" / f"course-{middle:04d}" / f"{slugs[middle][4]}.md",
        "shape": f"course ({courses} courses of {STEPS_PER_COURSE} steps, {free} free pages)",
    }


def plain_body(rng, count):
    """A plain page: heading, prose, a table, a fenced code block, a task list and three links."""
    others = [rng.randrange(count) for _ in range(2)]
    rows = "\n".join(f"| {words(rng, 1)} | {words(rng, 3)} | {rng.randrange(1000)} |" for _ in range(4))
    return f"""
## {words(rng, 3).capitalize()}

{sentence(rng, 24)} {sentence(rng, 16)} See [page {others[0]}](/page-{others[0]:05d}/) and
[page {others[1]}](/page-{others[1]:05d}/#{words(rng, 1)}).

{sentence(rng, 20)} {sentence(rng, 12)}

| Name | Meaning | Value |
|---|---|---|
{rows}

```python
def handle(command):
    if command == "{words(rng, 1)}":
        return "+OK\\r\\n"
    return "-ERR unknown\\r\\n"
```

- [x] {sentence(rng, 6)}
- [ ] {sentence(rng, 7)}
- [ ] {sentence(rng, 5)}

More in [Valkey's documentation](https://valkey.io/topics/{words(rng, 1)}/). {sentence(rng, 15)}
"""


def generate_plain(pages, folder):
    """`pages` plain Markdown pages in one section, and nothing else but the home page."""
    rng = random.Random(pages)
    ours, hugo = start_sites(folder, plain_body(rng, pages), sentence(rng))
    for number in range(pages):
        body = plain_body(rng, pages)
        summary = sentence(rng)
        front = f"---\ntitle: Page {number}\n"
        write(ours / "pages" / f"page-{number:05d}.md", f"{front}summary: {summary}\n---\n{body}")
        write(hugo / "content" / f"page-{number:05d}.md", f"{front}description: {summary}\n---\n{body}")
    return {
        "ours": ours / "pages" / f"page-{pages // 2:05d}.md",
        "hugo": hugo / "content" / f"page-{pages // 2:05d}.md",
        "shape": f"plain ({pages} pages in one section)",
    }


def hugo_front_matter(text, weight):
    """A CodeAlong step.md as a Hugo page: `summary` is Hugo's `description`, position is `weight`."""
    _, front, body = text.split("---\n", 2)
    front = re.sub(r"^summary:", "description:", front, flags=re.M)
    return f"---\n{front}weight: {weight}\n---\n{body}"


def generate_docs(copies, folder):
    """This repository's real courses (and pages), each copied `copies` times under another id."""
    source = ROOT / "content"
    intro = (source / "pages" / "index.md").read_text().split("---\n", 2)[2]
    ours, hugo = start_sites(folder, intro, "CodeAlong, multiplied")
    for page in sorted((source / "pages").glob("*.md")):
        if page.name == "index.md":
            continue
        shutil.copy(page, ours / "pages" / page.name)
        write(hugo / "content" / page.name, hugo_front_matter(page.read_text(), 0))
    courses = sorted(path for path in (source / "courses").iterdir() if (path / "course.yml").exists())
    order = 0
    for copy in range(copies):
        for course in courses:
            cid = f"{course.name}-{copy:03d}"
            shutil.copytree(course, ours / "courses" / cid)
            definition = (course / "course.yml").read_text()
            definition = re.sub(r"^order:.*$", f"order: {order}", definition, flags=re.M)
            write(ours / "courses" / cid / "course.yml", definition)
            title = re.search(r"^title: (.*)$", definition, re.M).group(1)
            summary = re.search(r"^summary: (.*)$", definition, re.M).group(1)
            write(hugo / "content" / cid / "_index.md", f"---\ntitle: {title}\ndescription: {summary}\nweight: {order}\n---\n")
            for weight, step in enumerate(sorted(p for p in course.iterdir() if (p / "step.md").exists()), 1):
                write(hugo / "content" / cid / f"{step.name}.md", hugo_front_matter((step / "step.md").read_text(), weight))
            order += 1
    middle = courses[0].name + f"-{copies // 2:03d}"
    step = sorted(p.name for p in courses[0].iterdir() if (p / "step.md").exists())[4]
    return {
        "ours": ours / "courses" / middle / step / "step.md",
        "hugo": hugo / "content" / middle / f"{step}.md",
        "shape": f"docs ({copies} copies of {len(courses)} real course(s))",
    }


def timed(command, cwd=None):
    """Runs command under /usr/bin/time -v; returns wall seconds, CPU seconds and peak RSS in MiB."""
    result = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    stats = result.stderr

    def field(name):
        return re.search(re.escape(name) + r": (.+)", stats).group(1).strip()

    wall_parts = [float(part) for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = sum(part * 60 ** power for power, part in enumerate(reversed(wall_parts)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) / 1024
    summary = next((line for line in result.stdout.splitlines() if line.startswith("sitegen:")), "")
    return {"wall": wall, "cpu": cpu, "rssMiB": rss, "output": summary}


def html_pages(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.html"))


def sitegen_command(site):
    return [
        str(SITEGEN), "build", "--content", str(site / "content"), "--theme", str(HERE / "theme"),
        "--output", str(site / "public"),
    ]


def hugo_command(site):
    return ["hugo", "--quiet", "--source", str(site), "--destination", "public", "--cacheDir", str(site / ".hugo-cache")]


def clean_sitegen(site):
    shutil.rmtree(site / "public", ignore_errors=True)
    shutil.rmtree(site / ".build", ignore_errors=True)


def clean_hugo(site):
    for name in ("public", "resources", ".hugo-cache"):
        shutil.rmtree(site / name, ignore_errors=True)


def append_paragraph(path, round_):
    with open(path, "a") as file:
        file.write(f"\nAn edit for round {round_}: one more paragraph with a [link](#what-to-build).\n")


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def measure(name, generate, size, repeat):
    folder = WORK / f"{name}-{size}"
    edited = generate(size, folder)
    ours, hugo = folder / "ours", folder / "hugo"
    results = {tool: {kind: [] for kind in ("full", "no-change", "one-edit")} for tool in ("sitegen", "hugo")}
    for round_ in range(repeat):
        # Interleaved, so both tools see the same machine state.
        for tool, site, clean, command, file in (
            ("sitegen", ours, clean_sitegen, sitegen_command, edited["ours"]),
            ("hugo", hugo, clean_hugo, hugo_command, edited["hugo"]),
        ):
            clean(site)
            results[tool]["full"].append(timed(command(site)))
            results[tool]["no-change"].append(timed(command(site)))
            append_paragraph(file, round_)
            results[tool]["one-edit"].append(timed(command(site)))
    ours_pages, hugo_pages = html_pages(ours / "public"), html_pages(hugo / "public")
    if len(ours_pages) != len(hugo_pages):
        normalized = {p.replace("courses/", "", 1) for p in ours_pages}
        sys.exit(
            f"page counts differ for {edited['shape']}: sitegen {len(ours_pages)}, hugo {len(hugo_pages)}; "
            f"only sitegen: {sorted(normalized - set(hugo_pages))[:10]}; only hugo: {sorted(set(hugo_pages) - normalized)[:10]}"
        )
    summary = {
        "shape": edited["shape"],
        "pages": len(ours_pages),
        "markdownBytes": sum(p.stat().st_size for p in (ours / "content").rglob("*.md")),
        "runs": results,
    }
    shutil.rmtree(folder, ignore_errors=True)  # tmpfs is memory
    for tool in results:
        for kind, runs in results[tool].items():
            summary.setdefault("median", {}).setdefault(tool, {})[kind] = {
                key: round(median(runs, key), 3) for key in ("wall", "cpu", "rssMiB")
            }
    return summary


def table(measurements):
    lines = [
        "| shape | pages | build | sitegen wall s | sitegen CPU s | sitegen peak MiB | Hugo wall s | Hugo CPU s | Hugo peak MiB | sitegen/Hugo wall | sitegen/Hugo CPU | vs sitegen full |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        ours, hugo = m["median"]["sitegen"], m["median"]["hugo"]
        for kind in ("full", "no-change", "one-edit"):
            lines.append(
                f"| {m['shape'].split(' ')[0]} | {m['pages']:,} | {kind} | {ours[kind]['wall']:.2f} | {ours[kind]['cpu']:.2f} | {ours[kind]['rssMiB']:.0f} "
                f"| {hugo[kind]['wall']:.2f} | {hugo[kind]['cpu']:.2f} | {hugo[kind]['rssMiB']:.0f} "
                f"| {ours[kind]['wall'] / hugo[kind]['wall']:.2f} | {ours[kind]['cpu'] / hugo[kind]['cpu']:.2f} "
                f"| {ours[kind]['wall'] / ours['full']['wall']:.1%} |"
            )
    return "\n".join(lines)


def ensure_tools():
    """hugo and GNU time from Debian, installed when missing (nothing installed by hand survives a fresh machine)."""
    if shutil.which("hugo") and os.path.exists("/usr/bin/time"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    install = [*sudo, "apt-get", "install", "-y", "--no-install-recommends", "hugo", "time"]
    if subprocess.run(install).returncode != 0:
        subprocess.run([*sudo, "apt-get", "update"], check=True)
        subprocess.run(install, check=True)


SHAPES = {"course": generate_course, "plain": generate_plain, "docs": generate_docs}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000], help="pages of the course shape")
    parser.add_argument("--plain", type=int, default=10000, help="pages of the plain shape")
    parser.add_argument("--copies", type=int, default=250, help="copies of the real courses in the docs shape")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="use the existing release sitegen")
    args = parser.parse_args()
    ensure_tools()
    if not args.no_build:
        subprocess.run(
            ["swift", "build", "-c", "release", "--scratch-path", ".build-release", "--product", "sitegen"], cwd=ROOT, check=True
        )
    runs = []
    for shape in args.shapes:
        sizes = {"course": args.sizes, "plain": [args.plain], "docs": [args.copies]}[shape]
        runs += [(shape, size) for size in sizes]
    measurements = [measure(shape, SHAPES[shape], size, args.repeat) for shape, size in runs]
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    record = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": "python3 bench/sitegen/bench.py " + " ".join(sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "hugo": hugo_version,
        "repeat": args.repeat,
        "measurements": measurements,
    }
    out = ROOT / "bench" / "results" / f"sitegen-{datetime.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(table(measurements))
    for m in measurements:
        print(f"- {m['shape']}: {m['pages']:,} pages, {m['markdownBytes'] / 1e6:.1f} MB of Markdown")
    print(f"\nmedian of {args.repeat}; {hugo_version}; results in {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
