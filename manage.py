#!/usr/bin/env python
"""Django's command-line utility for VoiceGuard's operators."""

import sys


def main() -> None:
    from voiceguard.bootstrap import configure

    configure("voiceguard.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
