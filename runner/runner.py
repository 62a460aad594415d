"""CodeAlong's sandbox runner (the container's entry point); see docs/runner.md.

Kept thin: the runner lives in the ``codealong_runner`` package next to this file; step tests
import ``codealong``, the tester library beside it.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from codealong_runner.main import main  # noqa: E402

if __name__ == "__main__":
    main()
