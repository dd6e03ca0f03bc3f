#!/usr/bin/env bash
# PostgreSQL's own single-row insert rate for a table shaped like InboundMessage (the
# ceiling of persist-before-ack), with pgbench: prints inserts/s.
# Usage: bench/pg-insert.sh [seconds] [clients]
set -euo pipefail
SECS=${1:-10}; CLIENTS=${2:-8}
DB=duban_bench_pg
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
psql -h 127.0.0.1 -U postgres -q $DB <<'SQL'
create table inbound (id text primary key, platform text not null, "messageId" text not null, "chatType" text, "chatId" text,
  "senderId" text, "senderName" text, kind text, text text, quote text, "replyTo" jsonb, raw jsonb,
  "receivedAt" timestamptz default now(), unique (platform, "messageId"));
SQL
SCRIPT=$(mktemp)
cat > "$SCRIPT" <<'SQL'
insert into inbound (id, platform, "messageId", "chatType", "chatId", "senderId", "senderName", kind, text, "replyTo")
values (gen_random_uuid()::text, 'wecom', gen_random_uuid()::text, 'group', 'wrkSFfCgAAxxxx', 'zhangsan', '张三', 'text', '2.3 已完成70%，卒中中心验收中', '{"kind":"wecom_bot_response_url","url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=xyz"}')
on conflict do nothing;
SQL
pgbench -h 127.0.0.1 -U postgres -n -f "$SCRIPT" -c "$CLIENTS" -j 2 -T "$SECS" $DB 2>/dev/null | awk '/^tps/ {print int($3)}'
rm -f "$SCRIPT"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" >/dev/null
