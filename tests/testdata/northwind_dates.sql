-- Date functions over the real Northwind data (TestDifferential_northwindDates).
-- Statements are separated by blank lines.

SELECT strftime('%Y', order_date), COUNT(*) FROM orders GROUP BY 1

SELECT strftime('%Y-%m', order_date) AS month, COUNT(*), SUM(freight) FROM orders GROUP BY month ORDER BY month

SELECT strftime('%w', order_date) AS dow, COUNT(*) FROM orders GROUP BY dow ORDER BY dow

SELECT strftime('%W', order_date), COUNT(*) FROM orders WHERE order_date < '1996-09-01' GROUP BY 1 ORDER BY 1

SELECT strftime('%j', order_date), strftime('%J', order_date), strftime('%s', order_date) FROM orders WHERE order_id < 10260 ORDER BY order_id

SELECT order_id, julianday(shipped_date) - julianday(order_date) AS days FROM orders WHERE order_id BETWEEN 10248 AND 10300 ORDER BY order_id

SELECT AVG(julianday(shipped_date) - julianday(order_date)) FROM orders

SELECT MAX(julianday(shipped_date) - julianday(required_date)) FROM orders WHERE shipped_date IS NOT NULL

SELECT COUNT(*) FROM orders WHERE shipped_date > required_date

SELECT order_id FROM orders WHERE julianday(shipped_date) > julianday(required_date) ORDER BY order_id

SELECT date(order_date, '+1 month'), date(order_date, 'start of month'), date(order_date, 'weekday 1') FROM orders WHERE order_id % 50 = 0 ORDER BY order_id

SELECT datetime(order_date), time(order_date), unixepoch(order_date) FROM orders WHERE order_id < 10255 ORDER BY order_id

SELECT date(order_date, 'start of year', '+6 months', '-1 day') AS d, COUNT(*) FROM orders GROUP BY d ORDER BY d

SELECT employee_id, last_name, strftime('%Y', hire_date) - strftime('%Y', birth_date) AS age_hired FROM employees ORDER BY employee_id

SELECT last_name, date(birth_date, '+65 years') FROM employees ORDER BY 2

SELECT COUNT(*) FROM orders WHERE strftime('%m', order_date) = '07'

SELECT COUNT(*) FROM orders WHERE order_date BETWEEN date('1997-01-01') AND date('1997-01-01', '+1 year', '-1 day')

SELECT e.last_name, COUNT(*) FROM orders o JOIN employees e ON e.employee_id = o.employee_id WHERE strftime('%Y', o.order_date) = '1997' GROUP BY e.last_name ORDER BY 2 DESC, 1

SELECT strftime('%Y', order_date) AS y, strftime('%m', order_date) AS m, SUM(d.unit_price * d.quantity * (1 - d.discount)) FROM orders o JOIN order_details d ON d.order_id = o.order_id GROUP BY y, m ORDER BY y, m

SELECT order_id, printf('%s shipped %d days late', order_id, julianday(shipped_date) - julianday(required_date)) FROM orders WHERE shipped_date > required_date ORDER BY order_id LIMIT 10

SELECT printf('%-20s|%8.2f', ship_name, freight) FROM orders WHERE order_id < 10256 ORDER BY order_id

SELECT quote(ship_region), quote(freight), quote(order_date) FROM orders WHERE order_id < 10256 ORDER BY order_id

SELECT hex(customer_id), unicode(ship_city), char(unicode(ship_city), 33) FROM orders WHERE order_id < 10256 ORDER BY order_id

SELECT concat_ws(', ', ship_city, ship_region, ship_country) FROM orders WHERE order_id < 10260 ORDER BY order_id

SELECT concat(first_name, ' ', last_name), octet_length(notes) > 0 FROM employees ORDER BY employee_id

SELECT product_name FROM products WHERE product_name GLOB '*[Cc]hef*' ORDER BY 1

SELECT product_name FROM products WHERE product_name GLOB 'C*' AND product_name NOT GLOB '*e*' ORDER BY 1

SELECT company_name FROM customers WHERE company_name LIKE '%!_%' ESCAPE '!' OR company_name LIKE 'A%' ORDER BY 1

SELECT sign(unit_price - 20), COUNT(*) FROM products GROUP BY 1 ORDER BY 1

-- (no ROUND here: etsql rounds as SQLite 3.40, modernc is 3.54, see TestFunctions_round340)
SELECT product_id, printf('%.2f', unit_price * 1.075), printf('%08.3e', unit_price) FROM products ORDER BY product_id

SELECT strftime('%Y-%m-%d %H:%M:%S', order_date, '+36 hours') FROM orders WHERE order_id < 10252 ORDER BY order_id

SELECT COUNT(DISTINCT strftime('%Y-%W', order_date)) FROM orders

SELECT order_id FROM orders WHERE date(order_date, '+7 days') > shipped_date ORDER BY order_id LIMIT 20

SELECT MIN(order_date), MAX(order_date), date(MAX(order_date), '-1 year') FROM orders

SELECT unixepoch(MAX(shipped_date)) - unixepoch(MIN(order_date)) FROM orders

SELECT strftime('%Y', order_date) AS y, COUNT(*) FROM orders WHERE ship_country IN ('France', 'Germany') GROUP BY y HAVING COUNT(*) > 10 ORDER BY y
