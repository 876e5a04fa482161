# End to end: `make install` with PREFIX and DESTDIR puts capnet, its man page and the
# example systemd units where a Debian administrator expects them; the man page
# renders and names every command `capnet --help` lists.
# backends: sqlite
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
top=$(cd "$(dirname "$0")/../.." && pwd)
root="$T_DIR/root"

make -s -C "$top" install DESTDIR="$root" PREFIX=/usr INSTALL_BIN="$CAPNET" >"$T_DIR/make.out" 2>&1
T_RC=$?
T_OUT=$(cat "$T_DIR/make.out")
T_ERR=""
expect_rc "make install PREFIX=/usr DESTDIR=..." 0
for f in usr/bin/capnet usr/share/man/man1/capnet.1 \
	usr/share/doc/capnet/README.md usr/share/doc/capnet/examples/capnet.service \
	usr/share/doc/capnet/examples/capnet-backup.service \
	usr/share/doc/capnet/examples/capnet-backup.timer usr/share/doc/capnet/examples/capnet.default; do
	if [ -f "$root/$f" ]; then t_ok "installed /$f"; else t_fail "installed /$f" "$(cd "$root" 2>/dev/null && find . -type f)"; fi
done
if [ -x "$root/usr/bin/capnet" ] && "$root/usr/bin/capnet" --version >/dev/null 2>&1; then
	t_ok "the installed capnet runs"
else
	t_fail "the installed capnet runs"
fi
expect_eq "the unit starts the installed binary" \
	"$(grep -c '^ExecStart=/usr/bin/capnet serve' "$root/usr/share/doc/capnet/examples/capnet.service")" "1"
expect_eq "the unit runs as its own user, restarts on failure, reads the environment file" \
	"$(grep -cE '^(User=capnet|Restart=on-failure|EnvironmentFile=/etc/default/capnet)$' "$root/usr/share/doc/capnet/examples/capnet.service")" "3"
expect_eq "the backup unit runs capnet backup" \
	"$(grep -c '/usr/bin/capnet backup --to' "$root/usr/share/doc/capnet/examples/capnet-backup.service")" "1"

# man(1) renders it, from the file and by name.
page=$(MANWIDTH=100 man -l "$root/usr/share/man/man1/capnet.1" 2>"$T_DIR/man.err")
T_RC=$?
expect_rc "man -l renders capnet.1" 0
expect_eq "with no complaint from man" "$(cat "$T_DIR/man.err")" ""
expect_eq "groff finds nothing to warn about" "$(groff -man -ww -z "$root/usr/share/man/man1/capnet.1" 2>&1)" ""
by_name=$(MANPATH="$root/usr/share/man" MANWIDTH=100 man capnet 2>/dev/null | head -n 1)
expect_eq "man capnet finds it" "$(echo "$by_name" | tr -s ' ')" "CAPNET(1) User Commands CAPNET(1)"

# Every command `capnet --help` lists has its entry.
commands=$("$CAPNET" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
[ -n "$commands" ] || t_fail "capnet --help lists commands"
missing=""
for cmd in $commands; do
	printf '%s\n' "$page" | grep -qE "^ {7}$cmd( |\$)" || missing="$missing $cmd"
done
expect_eq "the man page has an entry for every command of capnet --help" "$missing" ""
