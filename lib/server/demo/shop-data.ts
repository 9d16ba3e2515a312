import "server-only";
import { pick, randInt, type Random } from "./random-source";

// Sample values for the demo shop's tables (customers, products, orders, order_items).
// Some are deliberately non-ASCII, so the logs exercise multi-byte UTF-8 end to end.

const FIRST_NAMES = [
  "Alice",
  "Bob",
  "Chloé",
  "Zoë",
  "José",
  "Jürgen",
  "Søren",
  "Ana",
  "Łukasz",
  "Mei",
  "Priya",
  "Omar",
  "Björn",
  "François",
  "Noah",
  "Emma",
  "İlkay",
  "Nguyễn",
  "花子",
  "太郎",
  "Дмитрий",
  "Αλέξης",
] as const;

const LAST_NAMES = [
  "Martin",
  "Müller",
  "Álvarez",
  "Dubois",
  "O'Brien",
  "Smith",
  "Kowalski",
  "Andersen",
  "Rossi",
  "García",
  "Nakamura",
  "Chen",
  "Öztürk",
  "佐藤",
  "鈴木",
  "Иванова",
  "Παπαδόπουλος",
  "Ng",
  "Patel",
  "Schäfer",
] as const;

export const PRODUCTS = [
  { sku: "MUG-001", name: "Crème brûlée mug", price: 1490 },
  { sku: "TEE-014", name: "Über-soft tee", price: 2500 },
  { sku: "KBD-JP1", name: "日本語キーボード", price: 8900 },
  { sku: "CAF-220", name: "Café ☕ beans 1kg", price: 2199 },
  { sku: "PTY-007", name: "🎉 Party pack", price: 1999 },
  { sku: "LMP-310", name: "Desk lamp", price: 4550 },
  { sku: "BKP-042", name: "Rucksack Größe M", price: 6900 },
  { sku: "PEN-105", name: "Fountain pen", price: 3200 },
  { sku: "TEA-088", name: "Matcha 抹茶 tin", price: 1850 },
  { sku: "USB-C02", name: "USB-C cable 2m", price: 999 },
  { sku: "SOC-501", name: "Chaussettes rayées", price: 1250 },
  { sku: "PLT-404", name: "Plant pot 🌱", price: 1575 },
] as const;

export const ORDER_STATUSES = ["pending", "paid", "shipped", "delivered", "cancelled", "refunded"] as const;

export const COUNTRIES = ["DE", "FR", "ES", "JP", "US", "GB", "PL", "DK", "IT", "TR", "VN", "IN"] as const;

const CITIES = [
  "Köln",
  "Zürich",
  "São Paulo",
  "Kraków",
  "東京",
  "Málaga",
  "Lyon",
  "Århus",
  "Berlin",
  "Austin",
] as const;

const NOTES = [
  "Bitte nicht klingeln",
  "Livraison après 18h",
  "置き配でお願いします",
  "Gift wrap please 🎁",
  "Leave at the door",
  "Entregar en recepción",
] as const;

export function customerName(random: Random): { first: string; last: string } {
  return { first: pick(random, FIRST_NAMES), last: pick(random, LAST_NAMES) };
}

/** An ASCII e-mail address (the shop normalises them), e.g. `zoe.muller42@example.com`. */
export function email(random: Random): string {
  const user = pick(random, [
    "alice",
    "bob",
    "chloe",
    "zoe",
    "jose",
    "juergen",
    "mei",
    "priya",
    "omar",
    "emma",
  ]);
  const domain = pick(random, ["example.com", "example.org", "mail.example.net"]);
  return `${user}.${pick(random, ["m", "a", "d", "k", "s"])}${randInt(random, 1, 999)}@${domain}`;
}

export function city(random: Random): string {
  return pick(random, CITIES);
}

export function deliveryNote(random: Random): string {
  return pick(random, NOTES);
}

export function product(random: Random): (typeof PRODUCTS)[number] {
  return pick(random, PRODUCTS);
}

export function customerId(random: Random): number {
  return randInt(random, 1, 48_000);
}

export function orderId(random: Random): number {
  return randInt(random, 100_000, 260_000);
}

export function productId(random: Random): number {
  return randInt(random, 1, 1_200);
}

/** SQL string literal: quotes doubled, as both MySQL and PostgreSQL accept. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Client addresses in the tenant network. */
export function clientHost(random: Random): string {
  return pick(random, ["10.0.0.12", "10.0.0.13", "10.0.0.27", "10.0.1.5", "10.0.1.9"]);
}
