CREATE TABLE m (k TEXT PRIMARY KEY, v INT);
CREATE INDEX m_v ON m (v);
.tables
.schema m
.mode erlang
INSERT INTO m VALUES ('a', 1), ('b', NULL);
SELECT * FROM m;
.mode csv
SELECT * FROM m;
.headers off
SELECT * FROM m;
.mode json
SELECT * FROM m;
.mode table
.headers on
SELECT * FROM m;
.mode nonesuch
.nonesuch
\dt
ets:lookup(m, <<"a">>).
.explain on
SELECT v FROM m WHERE k = 'a';
.explain off
.explain SELECT * FROM m WHERE k > 'a';
\d m
.schema nonesuch
.headers maybe
.read /nonexistent.sql
.timer
.timer off
.mode erlang
.tables
.schema m
