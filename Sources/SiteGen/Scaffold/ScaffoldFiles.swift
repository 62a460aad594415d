import Content

/// The files a scaffold starts with, per language: a starter that fails the example test, a
/// solution that is a stub and says so, the example test, a template program.
enum ScaffoldFiles {
    /// A step's `test.py`: one example test, written with the tester library, that the
    /// author replaces.
    static func exampleTest(step: String) -> String {
        """
        \"\"\"Step \(step). An example test written with the tester library: replace it with this
        step's tests (docs/authoring.md, "Step tests"; the full API is in docs/runner.md).\"\"\"

        from codealong import test


        @test("greets the learner")
        def greets(t):
            # Runs the learner's program to completion; a crash fails the test with its error output.
            result = t.run()
            assert "Hello" in result.stdout, f"Expected your program to print a greeting, but it printed {result.stdout!r}."

        """
    }

    /// What the learner's editor opens with: compiles, runs, does not do the step yet.
    static func starter(_ language: Language) -> String {
        let note = "Write this step's program here."
        switch language.id {
        case "javascript": return "// \(note)\n"
        case "go": return "package main\n\n// \(note)\nfunc main() {}\n"
        case "java": return "// \(note)\npublic class Main {\n    public static void main(String[] args) {}\n}\n"
        default: return "# \(note)\n"
        }
    }

    /// The reference solution's place: fails on purpose, saying it is a stub, until the author writes it.
    static func solutionStub(_ language: Language, step: String) -> String {
        let message = "stub: the reference solution of \(step) is not written yet (sitegen new made this file)"
        switch language.id {
        case "javascript": return "console.error(\"\(message)\");\nprocess.exit(1);\n"
        case "go":
            return "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfmt.Fprintln(os.Stderr, \"\(message)\")\n\tos.Exit(1)\n}\n"
        case "java":
            return "public class Main {\n    public static void main(String[] args) {\n        System.err.println(\"\(message)\");\n        System.exit(1);\n    }\n}\n"
        default: return "raise SystemExit(\"\(message)\")\n"
        }
    }

    /// A template's main file: connects with its client and does one thing to start from.
    static func template(_ language: Language, client: TemplateClient) -> String {
        switch client {
        case .nodeRedis:
            return """
                const { createClient } = require("redis");

                async function main() {
                  const client = createClient({ url: `redis://${process.env.VALKEY_HOST ?? "127.0.0.1"}:${process.env.VALKEY_PORT ?? 6379}` });
                  await client.connect();
                  await client.set("greeting", "hello");
                  console.log("greeting =", await client.get("greeting"));
                  await client.quit();
                }

                main();

                """
        case .valkeyGlide:
            return """
                import os
                from glide_sync import GlideClient, GlideClientConfiguration, NodeAddress

                config = GlideClientConfiguration([NodeAddress(os.environ.get("VALKEY_HOST", "127.0.0.1"), int(os.environ.get("VALKEY_PORT", "6379")))])
                client = GlideClient.create(config)
                client.set("greeting", "hello")
                print("greeting =", client.get("greeting").decode())
                client.close()

                """
        default:
            return """
                import os
                import valkey

                client = valkey.Valkey(host=os.environ.get("VALKEY_HOST", "127.0.0.1"), port=int(os.environ.get("VALKEY_PORT", "6379")))
                client.set("greeting", "hello")
                print("greeting =", client.get("greeting").decode())
                client.close()

                """
        }
    }
}
