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
