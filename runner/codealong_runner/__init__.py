"""The runner's internals: reading the payload, starting the learner's program, running the step
tests, reporting events (docs/runner.md). Step tests never import this package; they import
``codealong``, the tester library, which knows nothing of it.
"""
