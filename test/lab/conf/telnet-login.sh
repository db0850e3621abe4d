#!/bin/sh
# The lab printer's Telnet "login": telnetd (-E) runs this instead of /bin/login, so no shell or
# password check of the host is ever offered. It shows a printer-like prompt, reads nothing and
# ends the session after a while.
printf '\r\n%s login: ' "${1:-printer}"
sleep 30
