#!/usr/bin/env bash
# A Postfix instance of the tests' own (Debian's postfix package): configuration, queue and log
# in DIR, SMTP on 127.0.0.1:SMTP_PORT, every message through the milter on MILTER_PORT, and
# everything relayed to 127.0.0.1:RELAY_PORT (the tests' aiosmtpd sink).
#   postfix_instance.sh start DIR SMTP_PORT MILTER_PORT RELAY_PORT
#   postfix_instance.sh stop DIR
# Postfix's master runs as root: as another user this goes through sudo -n.
set -euo pipefail
export PATH="/usr/sbin:/sbin:$PATH"  # postfix and runuser live there
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
cmd=$1 dir=$2
case "$cmd" in
  start)
    smtp_port=$3 milter_port=$4 relay_port=$5
    mkdir -p "$dir/conf" "$dir/queue" "$dir/data"
    cat >"$dir/conf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file_prefixes = $dir
maillog_file = $dir/maillog
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mailflow.signet.test
mydestination =
alias_maps =
local_recipient_maps =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relayhost = [127.0.0.1]:$relay_port
smtpd_milters = inet:127.0.0.1:$milter_port
# A milter that cannot be reached holds the mail back rather than sending it unsigned.
milter_default_action = tempfail
disable_mime_output_conversion = yes
smtputf8_enable = no
smtp_tls_security_level = none
smtpd_tls_security_level = none
CF
    cat >"$dir/conf/master.cf" <<CF
127.0.0.1:$smtp_port inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
CF
    $SUDO chown postfix "$dir/data"
    # Postfix's daemons run as the postfix user: every folder above DIR must let them through.
    reach=(runuser -u postfix -- test -x "$dir/queue")
    if [ -n "$SUDO" ]; then reach=(sudo -n -u postfix test -x "$dir/queue"); fi
    if ! "${reach[@]}"; then
      echo "postfix_instance: the postfix user cannot reach $dir (a parent folder is private)" >&2
      exit 1
    fi
    if ! $SUDO postfix -c "$dir/conf" start >/dev/null 2>&1; then
      echo "postfix_instance: Postfix did not start:" >&2
      tail -5 "$dir/maillog" >&2 2>/dev/null || true
      exit 1
    fi
    # Ready once smtpd's port takes connections.
    for _ in $(seq 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; then exit 0; fi
      sleep 0.1
    done
    echo "postfix_instance: Postfix did not listen on $smtp_port" >&2
    exit 1
    ;;
  stop)
    $SUDO postfix -c "$dir/conf" stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start DIR SMTP_PORT MILTER_PORT RELAY_PORT | stop DIR" >&2; exit 2 ;;
esac
