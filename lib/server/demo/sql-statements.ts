import "server-only";
import { chance, pick, randInt, weighted, type Random } from "./random-source";
import {
  city,
  COUNTRIES,
  customerId,
  customerName,
  deliveryNote,
  email,
  ORDER_STATUSES,
  orderId,
  product,
  productId,
  quote,
} from "./shop-data";

export type SqlDialect = "mysql" | "postgresql";

export function since(dialect: SqlDialect, days: number): string {
  return dialect === "mysql" ? `NOW() - INTERVAL ${days} DAY` : `now() - interval '${days} days'`;
}

function lookup(random: Random, dialect: SqlDialect): string {
  return weighted<() => string>(random, [
    [5, () => `SELECT id, email, first_name, last_name FROM customers WHERE id = ${customerId(random)}`],
    [
      3,
      () =>
        `SELECT id, sku, name, price_cents, stock FROM products WHERE sku = ${quote(product(random).sku)}`,
    ],
    [
      4,
      () =>
        `SELECT * FROM orders WHERE customer_id = ${customerId(random)} ORDER BY created_at DESC LIMIT 20`,
    ],
    [
      3,
      () =>
        `SELECT oi.product_id, oi.quantity, oi.unit_price_cents FROM order_items oi WHERE oi.order_id = ${orderId(random)}`,
    ],
    [
      2,
      () =>
        `SELECT id, name, price_cents FROM products WHERE name ${dialect === "mysql" ? "LIKE" : "ILIKE"} ${quote(`%${product(random).name.split(" ")[0]}%`)} LIMIT 50`,
    ],
    [
      1,
      () =>
        `SELECT COUNT(*) FROM orders WHERE status = ${quote(pick(random, ORDER_STATUSES))} AND created_at > ${since(dialect, 1)}`,
    ],
    [1, () => `SELECT id FROM customers WHERE email = ${quote(email(random))}`],
  ])();
}

function write(random: Random, dialect: SqlDialect): string {
  const returning = dialect === "postgresql" ? " RETURNING id" : "";
  return weighted<() => string>(random, [
    [
      3,
      () =>
        `UPDATE orders SET status = ${quote(pick(random, ORDER_STATUSES))}, updated_at = ${dialect === "mysql" ? "NOW()" : "now()"} WHERE id = ${orderId(random)}`,
    ],
    [
      2,
      () => {
        const name = customerName(random);
        return `INSERT INTO customers (email, first_name, last_name, city, country) VALUES (${quote(email(random))}, ${quote(name.first)}, ${quote(name.last)}, ${quote(city(random))}, ${quote(pick(random, COUNTRIES))})${returning}`;
      },
    ],
    [
      2,
      () =>
        `UPDATE products SET stock = stock - ${randInt(random, 1, 3)} WHERE id = ${productId(random)} AND stock > 0`,
    ],
    [
      1,
      () => `UPDATE orders SET delivery_note = ${quote(deliveryNote(random))} WHERE id = ${orderId(random)}`,
    ],
    [
      1,
      () =>
        `DELETE FROM cart_items WHERE customer_id = ${customerId(random)} AND added_at < ${since(dialect, 30)}`,
    ],
  ])();
}

/** The statements of one checkout, as an ORM sends them. */
export function checkoutStatements(random: Random, dialect: SqlDialect): string[] {
  const item = product(random);
  const quantity = randInt(random, 1, 4);
  const order = orderId(random);
  const customer = customerId(random);
  return [
    dialect === "mysql" ? "START TRANSACTION" : "BEGIN",
    `SELECT id, stock, price_cents FROM products WHERE sku = ${quote(item.sku)} FOR UPDATE`,
    `INSERT INTO orders (id, customer_id, status, total_cents, created_at) VALUES (${order}, ${customer}, 'pending', ${item.price * quantity}, ${dialect === "mysql" ? "NOW()" : "now()"})`,
    `INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price_cents) VALUES (${order}, ${productId(random)}, ${quote(item.name)}, ${quantity}, ${item.price})`,
    `UPDATE products SET stock = stock - ${quantity} WHERE sku = ${quote(item.sku)}`,
    chance(random, 0.95) ? "COMMIT" : "ROLLBACK",
  ];
}

/** One statement of ordinary application traffic, on one line. */
export function appStatement(random: Random, dialect: SqlDialect): string {
  return weighted<() => string>(random, [
    [10, () => lookup(random, dialect)],
    [4, () => write(random, dialect)],
    [1, () => "SELECT 1"],
  ])();
}

/** An INSERT that collides with `customers_email_key`, and the e-mail it repeats. */
export function duplicateCustomerInsert(random: Random): { statement: string; email: string } {
  const address = email(random);
  const name = customerName(random);
  return {
    email: address,
    statement: `INSERT INTO customers (email, first_name, last_name) VALUES (${quote(address)}, ${quote(name.first)}, ${quote(name.last)}) RETURNING id`,
  };
}
