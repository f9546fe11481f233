#!/bin/sh
# Start of the Docker image (and of `make serve`): migrate the database, then run the command.
# A database from an older version is upgraded in place, never recreated.
set -eu
dashboard db upgrade
exec "$@"
