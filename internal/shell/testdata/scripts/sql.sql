-- SQL statements, their results and their errors.
CREATE TABLE t (id INT PRIMARY KEY, name TEXT, price FLOAT, born DATE, ok BOOL);
INSERT INTO t VALUES (1, 'a;b', 1.5, DATE '1997-01-02', true),
                     (2, 'it''s "quoted"', NULL, NULL, false);
INSERT INTO t (id) VALUES (3);
SELECT * FROM t;
SELECT name FROM t LIMIT 0;
SELECT id,
       name
  FROM t /* a comment; with a semicolon */
 LIMIT 2;
SELEC 1;
SELECT * FROM missing;
  INSERT INTO t VALUES (1, 'dup', 0.0, NULL, NULL);
DROP TABLE t;
SELECT * FROM t;
CREATE TABLE p (id INT PRIMARY KEY, name TEXT NOT NULL, qty INT) WITH (type = ordered_set);
INSERT INTO p VALUES (1, 'apple', 3), (2, 'pear', 5), (3, 'plum', NULL);
UPDATE p SET qty = qty + 1 WHERE id < 3;
SELECT name, qty FROM p WHERE qty > 3 ORDER BY name DESC;
SELECT count(*) AS n, sum(qty) AS total FROM p;
SELECT nme FROM p;
DELETE FROM p WHERE id = 3;
EXPLAIN SELECT * FROM p WHERE id = 2;
ets:lookup(p, 2).
ets:select(p, [{{'$1', '$2', '_'}, [{'>', '$1', 1}], ['$2']}]).
INSERT INTO p VALUES (4, NULL, 1);
CREATE UNIQUE INDEX p_name ON p (name);
INSERT INTO p VALUES (5, 'apple', 1);
INSERT INTO p VALUES (5, 'apple', 1) ON CONFLICT (name) DO UPDATE SET qty = p.qty + excluded.qty RETURNING id, name, qty;
EXPLAIN SELECT id FROM p WHERE name = 'pear';
ALTER TABLE p ADD COLUMN note TEXT DEFAULT '-';
DELETE FROM p WHERE name = 'pear' RETURNING *;
ets:insert(p, {6, <<"pear">>, 7, <<"ets">>}).
SELECT id, qty, note FROM p WHERE name = 'pear';
