import "server-only";
import { pick, weighted, type Random } from "./random-source";
import { COUNTRIES, product, quote } from "./shop-data";
import { since, type SqlDialect } from "./sql-statements";

/** A heavier reporting query, laid out over several lines as people write them. */
export function reportingQuery(random: Random, dialect: SqlDialect): string {
  const days = pick(random, [7, 30, 90, 365]);
  const day = dialect === "mysql" ? "DATE(o.created_at)" : "date_trunc('day', o.created_at)";
  return weighted<() => string>(random, [
    [
      3,
      () =>
        [
          `SELECT ${day} AS day, COUNT(*) AS orders, SUM(o.total_cents) AS revenue_cents`,
          "FROM orders o",
          `WHERE o.created_at >= ${since(dialect, days)}`,
          "  AND o.status IN ('paid', 'shipped', 'delivered')",
          "GROUP BY day",
          "ORDER BY day",
        ].join("\n"),
    ],
    [
      3,
      () =>
        [
          "SELECT c.id, c.email, c.country, SUM(o.total_cents) AS lifetime_cents",
          "FROM customers c",
          "JOIN orders o ON o.customer_id = c.id",
          `WHERE c.country = ${quote(pick(random, COUNTRIES))}`,
          "GROUP BY c.id, c.email, c.country",
          `ORDER BY lifetime_cents DESC LIMIT ${pick(random, [10, 50, 100])}`,
        ].join("\n"),
    ],
    [
      2,
      () =>
        [
          "SELECT p.sku, p.name, SUM(oi.quantity) AS sold",
          "FROM order_items oi",
          "JOIN products p ON p.id = oi.product_id",
          "JOIN orders o ON o.id = oi.order_id",
          `WHERE o.created_at >= ${since(dialect, days)} AND p.name ${dialect === "mysql" ? "LIKE" : "ILIKE"} ${quote(`%${product(random).name.split(" ")[0]}%`)}`,
          "GROUP BY p.sku, p.name",
          "ORDER BY sold DESC",
        ].join("\n"),
    ],
    [
      1,
      () =>
        [
          "UPDATE orders",
          "SET status = 'cancelled'",
          `WHERE status = 'pending' AND created_at < ${since(dialect, 14)}`,
        ].join("\n"),
    ],
  ])();
}
