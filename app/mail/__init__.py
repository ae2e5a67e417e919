"""Mails (stand-in of branch h-mail: the real package replaces this one at merge)."""
