"""``python -m articlekg``: the command line."""

from articlekg.cli import main

# Guarded: query timeouts start a child process that imports this module again.
if __name__ == "__main__":
    main()
