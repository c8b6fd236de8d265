-- Statements run by TestDifferential_Northwind through etsql and SQLite.
-- Separated by blank lines. Without ORDER BY rows are compared sorted;
-- with ORDER BY the order must be total (ties broken by a key).

-- point lookups and key paths
SELECT * FROM products WHERE product_id = 11

SELECT product_name, unit_price FROM products WHERE product_id IN (1, 2, 3, 77, 1000)

SELECT * FROM orders WHERE order_id = 10248

SELECT order_id, customer_id FROM orders WHERE order_id BETWEEN 10300 AND 10310

SELECT order_id FROM orders WHERE order_id > 11070

SELECT order_id FROM orders WHERE order_id >= 11070 AND order_id < 11075

SELECT order_id FROM orders WHERE order_id < 10250

SELECT order_id FROM orders WHERE order_id <= 10250 OR order_id >= 11076

SELECT * FROM order_details WHERE order_id = 10248

SELECT * FROM order_details WHERE order_id = 10248 AND product_id = 11

SELECT * FROM order_details WHERE order_id = 10250 AND product_id > 41

SELECT * FROM order_details WHERE order_id BETWEEN 10250 AND 10252 AND quantity > 20

SELECT * FROM employee_territories WHERE employee_id = 2

SELECT * FROM employee_territories WHERE employee_id = 2 AND territory_id >= '03'

SELECT customer_id, company_name FROM customers WHERE customer_id = 'ALFKI'

SELECT customer_id FROM customers WHERE customer_id IN ('ALFKI', 'BONAP', 'NOPE')

SELECT * FROM region WHERE region_id = 4

SELECT * FROM territories WHERE territory_id = '01581'

SELECT order_id FROM orders WHERE order_id = '10248'

SELECT order_id FROM orders WHERE order_id = 10248.0

SELECT order_id FROM orders WHERE order_id = 10248.5

-- filters: comparisons and NULLs
SELECT product_id FROM products WHERE unit_price > 50

SELECT product_id FROM products WHERE unit_price <= 10

SELECT product_id FROM products WHERE NOT unit_price > 10

SELECT product_id FROM products WHERE unit_price BETWEEN 10 AND 20

SELECT product_id FROM products WHERE unit_price NOT BETWEEN 10 AND 100

SELECT product_id FROM products WHERE units_in_stock = 0

SELECT product_id FROM products WHERE units_in_stock <> 0 AND discontinued = 1

SELECT product_id FROM products WHERE discontinued = 0 AND unit_price > 40

SELECT product_id FROM products WHERE discontinued

SELECT product_id FROM products WHERE NOT discontinued AND units_on_order > 0

SELECT product_id FROM products WHERE units_in_stock < reorder_level

SELECT product_id FROM products WHERE units_in_stock + units_on_order < reorder_level

SELECT customer_id FROM customers WHERE region IS NULL

SELECT customer_id FROM customers WHERE region IS NOT NULL

SELECT customer_id FROM customers WHERE region <> 'WA'

SELECT customer_id FROM customers WHERE NOT (region = 'WA')

SELECT customer_id FROM customers WHERE region = 'WA' OR country = 'Mexico'

SELECT customer_id FROM customers WHERE NOT (region = 'WA' OR country = 'Mexico')

SELECT customer_id FROM customers WHERE country IN ('Germany', 'France') AND city <> 'Paris'

SELECT customer_id FROM customers WHERE country NOT IN ('Germany', 'France', 'USA', 'UK')

SELECT customer_id FROM customers WHERE fax IS NULL AND region IS NULL

SELECT customer_id FROM customers WHERE city > 'M' AND city < 'O'

SELECT customer_id FROM customers WHERE company_name LIKE 'a%'

SELECT customer_id FROM customers WHERE company_name LIKE '%market%'

SELECT customer_id FROM customers WHERE contact_name LIKE '_a%'

SELECT customer_id FROM customers WHERE company_name NOT LIKE '%e%'

SELECT customer_id FROM customers WHERE phone LIKE '(5) %'

SELECT order_id FROM orders WHERE shipped_date IS NULL

SELECT order_id FROM orders WHERE ship_region IS NULL AND ship_country = 'Germany'

SELECT order_id FROM orders WHERE order_date = '1997-01-01'

SELECT order_id FROM orders WHERE order_date >= '1998-04-20'

SELECT order_id FROM orders WHERE order_date BETWEEN '1997-01-01' AND '1997-01-15'

SELECT order_id FROM orders WHERE shipped_date > required_date

SELECT order_id FROM orders WHERE freight > 500

SELECT order_id FROM orders WHERE freight < 1 OR freight > 800

SELECT order_id FROM orders WHERE employee_id = 5 AND ship_via = 3

SELECT order_id FROM orders WHERE customer_id = 'VINET'

SELECT order_id FROM orders WHERE customer_id > 'W'

SELECT order_id, freight FROM orders WHERE freight = 32.38

SELECT order_id FROM orders WHERE ship_via IN (1, 2) AND freight > 400

SELECT employee_id FROM employees WHERE reports_to IS NULL

SELECT employee_id FROM employees WHERE reports_to = 2

SELECT employee_id FROM employees WHERE birth_date < '1955-01-01'

SELECT employee_id FROM employees WHERE title_of_courtesy IN ('Ms.', 'Mrs.')

SELECT supplier_id FROM suppliers WHERE home_page IS NOT NULL

SELECT supplier_id FROM suppliers WHERE fax IS NULL OR region IS NULL

SELECT product_id FROM products WHERE product_name >= 'S'

SELECT product_id FROM products WHERE category_id = 1 AND (unit_price < 10 OR unit_price > 100)

SELECT product_id FROM products WHERE NOT (category_id = 1 AND unit_price < 20)

-- expressions in the result
SELECT product_id, unit_price * units_in_stock AS value FROM products WHERE category_id = 2

SELECT product_id, units_in_stock / 7, units_in_stock % 7 FROM products WHERE supplier_id = 1

SELECT order_id, product_id, unit_price * quantity * (1 - discount) FROM order_details WHERE order_id = 10250

SELECT first_name || ' ' || last_name AS name, title FROM employees

SELECT UPPER(company_name), LOWER(city), LENGTH(address) FROM customers WHERE country = 'Spain'

SELECT SUBSTR(customer_id, 1, 2), SUBSTR(company_name, -4) FROM customers WHERE country = 'Italy'

SELECT product_id, ROUND(unit_price * 1.1, 2) FROM products WHERE product_id < 10

SELECT product_id, ABS(units_in_stock - reorder_level) FROM products WHERE product_id <= 12

SELECT customer_id, COALESCE(region, 'none'), IFNULL(fax, phone) FROM customers WHERE country = 'USA'

SELECT customer_id, NULLIF(country, 'USA') FROM customers WHERE city LIKE 'S%'

SELECT product_id, CASE WHEN unit_price < 10 THEN 'cheap' WHEN unit_price < 50 THEN 'mid' ELSE 'dear' END FROM products

SELECT product_id, CASE category_id WHEN 1 THEN 'drinks' WHEN 2 THEN 'condiments' END FROM products WHERE product_id < 20

SELECT CAST(unit_price AS INT), CAST(product_id AS TEXT) FROM products WHERE product_id < 5

SELECT order_id, SUBSTR(order_date, 1, 7) FROM orders WHERE order_id < 10260

SELECT order_id, order_date, shipped_date FROM orders WHERE order_id BETWEEN 10248 AND 10255

SELECT 1 + 2 * 3, 10 / 4, 10 / 4.0, -5 % 3, 'x' || 2

SELECT product_id, unit_price > 20, units_in_stock IS NULL FROM products WHERE supplier_id = 2

SELECT TRIM(' a '), LTRIM('xxa', 'x'), RTRIM('ayy', 'y'), REPLACE(company_name, 'a', 'A') FROM shippers

SELECT INSTR(company_name, 'a'), TYPEOF(unit_price) FROM products JOIN suppliers ON suppliers.supplier_id = products.supplier_id WHERE product_id < 4

-- ordering and limits
SELECT product_id, product_name FROM products ORDER BY product_name

SELECT product_id, unit_price FROM products ORDER BY unit_price DESC, product_id

SELECT order_id FROM orders ORDER BY order_id DESC LIMIT 5

SELECT order_id FROM orders ORDER BY order_id LIMIT 5 OFFSET 10

SELECT order_id, freight FROM orders ORDER BY freight DESC, order_id LIMIT 10

SELECT customer_id, region FROM customers ORDER BY region, customer_id

SELECT customer_id, region FROM customers ORDER BY region DESC, customer_id

SELECT product_id FROM products WHERE category_id = 3 ORDER BY units_in_stock, product_id

SELECT employee_id, last_name FROM employees ORDER BY 2

SELECT order_id, product_id FROM order_details WHERE order_id = 10260 ORDER BY order_id, product_id

SELECT order_id, product_id FROM order_details WHERE order_id > 11075 ORDER BY order_id DESC, product_id DESC

SELECT order_id FROM orders WHERE order_id BETWEEN 10500 AND 10600 ORDER BY order_id LIMIT 3

SELECT DISTINCT country FROM customers ORDER BY country

SELECT DISTINCT category_id, supplier_id FROM products WHERE category_id < 3

SELECT DISTINCT ship_region FROM orders

SELECT product_name AS n FROM products ORDER BY n LIMIT 4

-- aggregates
SELECT COUNT(*) FROM orders

SELECT COUNT(*) FROM products WHERE discontinued = 1

SELECT COUNT(*), COUNT(region), COUNT(DISTINCT country) FROM customers

SELECT SUM(quantity), AVG(unit_price), MIN(discount), MAX(discount) FROM order_details

SELECT MIN(order_date), MAX(order_date), MIN(shipped_date) FROM orders

SELECT MIN(company_name), MAX(contact_name) FROM customers

SELECT SUM(freight), AVG(freight), TOTAL(freight) FROM orders WHERE order_id > 20000

SELECT COUNT(*), SUM(freight) FROM orders WHERE order_id > 20000

SELECT category_id, COUNT(*), AVG(unit_price) FROM products GROUP BY category_id

SELECT country, COUNT(*) FROM customers GROUP BY country HAVING COUNT(*) >= 5

SELECT supplier_id, SUM(units_in_stock), MAX(unit_price) FROM products GROUP BY supplier_id HAVING MAX(unit_price) > 30

SELECT employee_id, COUNT(*) AS n FROM orders GROUP BY employee_id ORDER BY n DESC, employee_id

SELECT ship_country, ship_region, COUNT(*) FROM orders GROUP BY ship_country, ship_region

SELECT SUBSTR(order_date, 1, 4) AS y, COUNT(*) FROM orders GROUP BY y

SELECT order_id, SUM(unit_price * quantity) FROM order_details GROUP BY order_id HAVING SUM(unit_price * quantity) > 10000

SELECT product_id, COUNT(*), SUM(quantity) FROM order_details GROUP BY product_id HAVING COUNT(*) > 50

SELECT discontinued, COUNT(*), MIN(product_name) FROM products GROUP BY discontinued

SELECT region, COUNT(*) FROM customers GROUP BY region

SELECT COUNT(DISTINCT customer_id), COUNT(DISTINCT employee_id) FROM orders

SELECT category_id, SUM(DISTINCT supplier_id) FROM products GROUP BY category_id

SELECT reports_to, COUNT(*) FROM employees GROUP BY reports_to

SELECT ship_via, ROUND(AVG(freight), 2) FROM orders GROUP BY ship_via ORDER BY ship_via

SELECT COUNT(*) FROM order_details WHERE discount > 0

SELECT MAX(unit_price) - MIN(unit_price) FROM products

SELECT COUNT(*) FROM orders WHERE shipped_date IS NULL

-- joins
SELECT p.product_name, c.category_name FROM products p JOIN categories c ON c.category_id = p.category_id WHERE p.unit_price > 50

SELECT p.product_name, s.company_name FROM products p, suppliers s WHERE s.supplier_id = p.supplier_id AND s.country = 'Japan'

SELECT o.order_id, c.company_name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id < 10255

SELECT o.order_id, e.last_name, s.company_name FROM orders o JOIN employees e ON e.employee_id = o.employee_id JOIN shippers s ON s.shipper_id = o.ship_via WHERE o.order_id BETWEEN 10260 AND 10265

SELECT d.order_id, p.product_name, d.quantity FROM order_details d JOIN products p ON p.product_id = d.product_id WHERE d.order_id = 10248

SELECT c.customer_id, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE o.order_id IS NULL

SELECT c.customer_id, COUNT(o.order_id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id GROUP BY c.customer_id

SELECT e.last_name, m.last_name FROM employees e LEFT JOIN employees m ON m.employee_id = e.reports_to

SELECT e.employee_id, t.territory_description FROM employee_territories e JOIN territories t ON t.territory_id = e.territory_id WHERE e.employee_id = 1

SELECT r.region_description, COUNT(*) FROM territories t JOIN region r ON r.region_id = t.region_id GROUP BY r.region_description

SELECT c.category_name, SUM(d.unit_price * d.quantity) FROM order_details d JOIN products p ON p.product_id = d.product_id JOIN categories c ON c.category_id = p.category_id GROUP BY c.category_name

SELECT s.company_name, COUNT(*) FROM suppliers s JOIN products p ON p.supplier_id = s.supplier_id GROUP BY s.company_name HAVING COUNT(*) > 3

SELECT a.customer_id, b.customer_id FROM customers a JOIN customers b ON a.city = b.city AND a.customer_id < b.customer_id

SELECT o.order_id, o.freight FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.country = 'Brazil' AND o.freight > 100

SELECT p.product_id FROM products p LEFT JOIN order_details d ON d.product_id = p.product_id AND d.quantity > 100 WHERE d.order_id IS NULL AND p.category_id = 1

SELECT COUNT(*) FROM shippers CROSS JOIN region

SELECT e.first_name, t.territory_id FROM employees e JOIN employee_territories t ON t.employee_id = e.employee_id WHERE e.city = 'London'

SELECT o.ship_country, COUNT(DISTINCT o.customer_id) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY o.ship_country

SELECT p.product_name, c.category_name FROM categories c LEFT JOIN products p ON p.category_id = c.category_id AND p.unit_price > 100

SELECT o.order_id, d.product_id FROM orders o JOIN order_details d ON d.order_id = o.order_id WHERE o.customer_id = 'ALFKI'

SELECT x.employee_id, y.employee_id FROM employees x JOIN employees y ON x.hire_date = y.hire_date AND x.employee_id <> y.employee_id

SELECT s.shipper_id, s.company_name, COUNT(o.order_id) FROM shippers s LEFT JOIN orders o ON o.ship_via = s.shipper_id GROUP BY s.shipper_id, s.company_name

-- subqueries
SELECT product_id FROM products WHERE unit_price > (SELECT AVG(unit_price) FROM products)

SELECT product_id FROM products WHERE category_id IN (SELECT category_id FROM categories WHERE category_name LIKE 'C%')

SELECT customer_id FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders)

SELECT customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND o.freight > 500)

SELECT customer_id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id)

SELECT e.employee_id, (SELECT COUNT(*) FROM orders o WHERE o.employee_id = e.employee_id) AS n FROM employees e

SELECT p.product_id, (SELECT category_name FROM categories c WHERE c.category_id = p.category_id) FROM products p WHERE p.product_id < 6

SELECT t.country, t.n FROM (SELECT country, COUNT(*) AS n FROM customers GROUP BY country) AS t WHERE t.n > 6

SELECT MAX(t.total) FROM (SELECT order_id, SUM(quantity) AS total FROM order_details GROUP BY order_id) AS t

SELECT order_id FROM orders WHERE freight = (SELECT MAX(freight) FROM orders)

SELECT product_id FROM products p WHERE unit_price > (SELECT AVG(unit_price) FROM products q WHERE q.category_id = p.category_id)

SELECT order_id FROM order_details WHERE product_id = (SELECT product_id FROM products WHERE product_name = 'Chai') AND quantity > 30

SELECT c.category_name FROM categories c WHERE (SELECT COUNT(*) FROM products p WHERE p.category_id = c.category_id) > 10

SELECT s.x FROM (SELECT unit_price * 2 AS x FROM products WHERE product_id < 4) AS s

SELECT supplier_id FROM suppliers WHERE country IN (SELECT country FROM customers WHERE city = 'London')

-- compounds
SELECT country FROM customers UNION SELECT country FROM suppliers

SELECT country FROM customers UNION ALL SELECT country FROM suppliers

SELECT country FROM customers INTERSECT SELECT country FROM suppliers

SELECT country FROM suppliers EXCEPT SELECT country FROM customers

SELECT city FROM customers WHERE country = 'UK' UNION SELECT city FROM employees ORDER BY 1

SELECT customer_id AS id FROM customers WHERE country = 'Norway' UNION SELECT CAST(supplier_id AS TEXT) FROM suppliers WHERE country = 'Norway'

-- FROM-less
SELECT 1

SELECT NULL IS NULL, 5 BETWEEN 1 AND 3, 'abc' LIKE 'A_C', COALESCE(NULL, 2)

-- harder shapes
SELECT customer_id, region FROM customers ORDER BY region DESC NULLS LAST, customer_id

SELECT customer_id, region FROM customers ORDER BY region NULLS LAST, customer_id LIMIT 10

SELECT product_id FROM products WHERE product_name LIKE '%\_%' ESCAPE '\'

SELECT category_id, COUNT(*) AS n FROM products GROUP BY category_id HAVING n > 10

SELECT category_id FROM products GROUP BY category_id ORDER BY SUM(units_in_stock) DESC, category_id

SELECT c.customer_id, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id AND o.freight > 800 WHERE o.order_id IS NOT NULL

SELECT e.employee_id, o.order_id, c.company_name FROM employees e LEFT JOIN orders o ON o.employee_id = e.employee_id AND o.order_id < 10252 LEFT JOIN customers c ON c.customer_id = o.customer_id

SELECT country FROM customers UNION SELECT country FROM suppliers ORDER BY 1 DESC LIMIT 5

SELECT DISTINCT ship_via, ship_country FROM orders WHERE ship_country LIKE 'B%' ORDER BY ship_country, ship_via

SELECT order_id FROM orders ORDER BY order_id LIMIT 5 OFFSET 2000

SELECT order_id FROM orders WHERE shipped_date = required_date

SELECT order_id FROM orders WHERE shipped_date BETWEEN order_date AND required_date AND order_id < 10270

SELECT order_id FROM orders WHERE ship_via IN (employee_id, 9) AND order_id < 10300

SELECT COALESCE(ship_region, ship_city, 'x'), COUNT(*) FROM orders GROUP BY 1

SELECT COUNT(*) FROM orders o JOIN order_details d ON d.order_id = o.order_id WHERE o.employee_id = 3

SELECT product_id FROM products WHERE unit_price > (SELECT unit_price FROM products WHERE product_name = 'Chai')

SELECT product_id FROM products WHERE EXISTS (SELECT 1 FROM categories WHERE category_id = 99)

SELECT product_id FROM products WHERE supplier_id NOT IN (SELECT supplier_id FROM suppliers WHERE country = 'USA')

SELECT customer_id FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders WHERE order_id < 10300) AND country = 'France'

SELECT e.last_name FROM employees e WHERE e.employee_id IN (SELECT reports_to FROM employees)

SELECT e.last_name FROM employees e WHERE e.employee_id NOT IN (SELECT reports_to FROM employees)

SELECT o.order_id, (SELECT SUM(d.quantity) FROM order_details d WHERE d.order_id = o.order_id) FROM orders o WHERE o.order_id BETWEEN 10248 AND 10260

SELECT s.n, COUNT(*) FROM (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) AS s GROUP BY s.n

SELECT product_id, unit_price FROM products WHERE unit_price = (SELECT MAX(unit_price) FROM products p2 WHERE p2.category_id = products.category_id)

SELECT CASE WHEN region IS NULL THEN 'none' ELSE region END AS r, COUNT(*) FROM customers GROUP BY r

SELECT product_id, units_in_stock * 1.0 / NULLIF(units_on_order, 0) FROM products WHERE product_id < 15

SELECT product_id, -unit_price, +units_in_stock FROM products WHERE product_id < 4

SELECT product_name FROM products WHERE product_name = 'chai'

SELECT product_name FROM products WHERE product_name LIKE 'chai'

SELECT customer_id FROM customers WHERE postal_code = 12209

SELECT customer_id FROM customers WHERE postal_code > 50000

SELECT order_id FROM orders WHERE employee_id = '5' AND order_id < 10260

SELECT order_id FROM orders WHERE freight > '100' AND order_id < 10260

SELECT order_id FROM orders WHERE order_date < 1997 AND order_id < 10260

SELECT LENGTH(order_date), order_date || 'x' FROM orders WHERE order_id = 10248

SELECT employee_id, hire_date FROM employees ORDER BY hire_date DESC, employee_id

SELECT MAX(hire_date), MIN(birth_date) FROM employees

SELECT 5 / 2 * 2.0, 7 % -3, -7 % 3, 2 * (3 + 4), 1 - - 1

SELECT 'a' < 'B', 'a' = 'A', 10 = 10.0, '10' = 10, NULL = 1

-- ROUND(1.005, 2) is checked against SQLite 3.40 in TestFunctions_round340 (3.43+ gives 1.0)
SELECT ABS(-9223372036854775807), ROUND(-0.5), ROUND(1.25, 1), ROUND(12345.6789, -2)

SELECT product_id FROM products WHERE discontinued = 'x'

SELECT product_id FROM products WHERE discontinued IS NOT NULL AND discontinued <> 0 AND unit_price < 20

SELECT COUNT(*) FROM products WHERE NOT discontinued

SELECT order_id FROM order_details WHERE discount BETWEEN 0.1 AND 0.2 AND quantity IN (10, 20, 30)

SELECT order_id, product_id FROM order_details WHERE order_id IN (10248, 10249) AND product_id IN (11, 14, 42)

-- DML (the changed table is compared after each)
INSERT INTO region VALUES (5, 'Central')

INSERT INTO region VALUES (5, 'Again')

INSERT INTO shippers VALUES (4, 'Fast Freight', NULL), (5, 'Slow Freight', '(503) 555-0000')

INSERT INTO categories (category_id, category_name) VALUES (9, 'Snacks')

INSERT INTO categories SELECT category_id + 100, category_name || ' II', description FROM categories WHERE category_id < 4

INSERT INTO region VALUES (6, 'North'), (7, 'South'), (6, 'Dup')

UPDATE products SET unit_price = unit_price * 1.1 WHERE category_id = 1

UPDATE products SET units_in_stock = 0 WHERE product_id = 11

UPDATE products SET discontinued = 1 WHERE units_in_stock = 0

UPDATE products SET unit_price = NULL WHERE product_id IN (1, 2)

UPDATE customers SET region = 'XX' WHERE region IS NULL AND country = 'Germany'

UPDATE customers SET fax = phone WHERE fax IS NULL

UPDATE orders SET freight = freight + 1 WHERE order_id BETWEEN 10300 AND 10310

UPDATE orders SET ship_region = NULL WHERE ship_region = 'RJ'

UPDATE order_details SET quantity = quantity * 2 WHERE order_id = 10248

UPDATE order_details SET discount = 0.5 WHERE order_id = 10249 AND product_id = 14

UPDATE region SET region_id = region_id + 10 WHERE region_id >= 5

UPDATE region SET region_id = 1 WHERE region_id = 2

UPDATE employees SET title = 'Boss' WHERE reports_to IS NULL

DELETE FROM order_details WHERE order_id = 10250

DELETE FROM order_details WHERE order_id = 10251 AND product_id = 22

DELETE FROM order_details WHERE quantity > 100

DELETE FROM shippers WHERE shipper_id >= 4

DELETE FROM categories WHERE category_id > 100

DELETE FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders)

DELETE FROM region WHERE region_description LIKE 'C%'

DELETE FROM orders WHERE order_id > 11070

SELECT COUNT(*), SUM(quantity) FROM order_details

SELECT product_id, unit_price, discontinued FROM products WHERE category_id = 1

SELECT COUNT(*) FROM orders
