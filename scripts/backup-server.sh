#!/usr/bin/env bash
# Nightly backup of the office's Houqin database on the MariaDB server, with rotation.
#
#   scripts/backup-server.sh [-d DATABASE] [-o FOLDER] [-k KEEP] [-c OPTION_FILE]
#
# Defaults: database houqin, folder /var/backups/houqin, keep the newest 14 backups, the
# account in /etc/houqin/backup.cnf (a [client] section with user, password, host, port:
# the password never appears on a command line or in the process list).
#
# One consistent snapshot (--single-transaction: InnoDB, no table locks, desktops keep
# working), attachments as hex (--hex-blob), triggers included (the append-only ledgers),
# utf8mb4. The file is written as .part, checked (gzip intact, the dump's closing line) and
# only then renamed; a failed night leaves the older backups alone and exits non-zero, so
# cron mails the error. Needs only mariadb-dump (or mysqldump), gzip and coreutils.
set -euo pipefail

database=houqin
folder=/var/backups/houqin
keep=14
options=/etc/houqin/backup.cnf

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while getopts "d:o:k:c:h" flag; do
    case "$flag" in
        d) database=$OPTARG ;;
        o) folder=$OPTARG ;;
        k) keep=$OPTARG ;;
        c) options=$OPTARG ;;
        *) usage ;;
    esac
done

die() {
    echo "backup-server: $*" >&2
    exit 1
}

[[ "$keep" =~ ^[1-9][0-9]*$ ]] || die "-k needs a whole number of backups to keep, got '$keep'"
[[ -r "$options" ]] || die "cannot read the option file $options (see docs/server.md)"
dump=$(command -v mariadb-dump || command -v mysqldump) || die "mariadb-dump is not installed"

umask 077 # the dump holds every record of the office: readable by its owner only
mkdir -p "$folder"
stamp=$(date +%Y%m%d-%H%M%S)
target="$folder/$database-$stamp.sql.gz"
part="$target.part"
trap 'rm -f "$part"' EXIT

"$dump" --defaults-extra-file="$options" \
    --single-transaction --quick --routines --triggers --hex-blob --no-tablespaces \
    --default-character-set=utf8mb4 "$database" | gzip -6 >"$part"

gzip -t "$part" || die "the compressed dump $part is damaged"
last=$(gzip -dc "$part" | tail -n 1)
[[ "$last" == "-- Dump completed"* ]] || die "the dump did not finish (last line: $last)"
tables=$(gzip -dc "$part" | grep -c '^CREATE TABLE' || true)
[[ "$tables" -gt 0 ]] || die "the dump holds no table: is '$database' the right database?"
mv "$part" "$target"
trap - EXIT

# Rotation: the newest $keep backups of this database stay, older ones go.
removed=0
while IFS= read -r old; do
    rm -f -- "$old"
    removed=$((removed + 1))
done < <(find "$folder" -maxdepth 1 -name "$database-*.sql.gz" -printf '%f\n' |
    sort -r | tail -n +"$((keep + 1))" | sed "s|^|$folder/|")

size=$(stat -c %s "$target")
echo "backup-server: $target ($size bytes, $tables tables); removed $removed older, keeping $keep"
