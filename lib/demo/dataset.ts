/**
 * The demo tenant's data tables: customers, orders and products of a small made-up shop,
 * generated from a fixed seed so every fresh database gets the same rows.
 */

import type { DataColumn } from '../../engine/data';
import { createSeededRandom, type SeededRandom } from './random';

export interface DemoTable {
  name: string;
  columns: DataColumn[];
  rows: Record<string, unknown>[];
}

export const DEMO_SEED = 20_240_501;
export const DEMO_CUSTOMER_COUNT = 50;
export const DEMO_ORDER_COUNT = 300;
export const DEMO_PRODUCT_COUNT = 30;

const FIRST_NAMES = [
  'Amara',
  'Bruno',
  'Chen',
  'Dalia',
  'Emil',
  'Farah',
  'Goran',
  'Hana',
  'Ines',
  'Jonas',
  'Keiko',
  'Luca',
  'Mira',
  'Nils',
  'Olga',
  'Pablo',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
] as const;

const LAST_NAMES = [
  'Abbott',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jansen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Silva',
  'Tanaka',
  'Weber',
] as const;

const CITIES_BY_COUNTRY = {
  Germany: ['Berlin', 'Hamburg', 'Munich'],
  France: ['Paris', 'Lyon', 'Nantes'],
  Brazil: ['São Paulo', 'Recife'],
  Japan: ['Osaka', 'Sapporo'],
  USA: ['Portland', 'Austin', 'Boston'],
  Sweden: ['Malmö', 'Uppsala'],
} as const;

type Country = keyof typeof CITIES_BY_COUNTRY;

const ORDER_STATUSES = [
  ['delivered', 0.45],
  ['shipped', 0.2],
  ['paid', 0.15],
  ['pending', 0.12],
  ['cancelled', 0.08],
] as const;

const PRODUCTS_BY_CATEGORY = {
  Beverages: ['Green Tea', 'Cold Brew', 'Ginger Ale', 'Oat Latte', 'Hibiscus Cooler'],
  Bakery: ['Rye Loaf', 'Cardamom Bun', 'Seeded Crackers', 'Sourdough Starter', 'Almond Biscotti'],
  Pantry: ['Chili Oil', 'Smoked Salt', 'Maple Syrup', 'Black Lentils', 'Wild Rice'],
  Dairy: ['Goat Cheese', 'Cultured Butter', 'Greek Yogurt', 'Aged Gouda', 'Skyr'],
  Produce: ['Blood Oranges', 'Heirloom Tomatoes', 'Shiitake', 'Baby Kale', 'Fennel'],
  Snacks: ['Sea Salt Chips', 'Trail Mix', 'Dark Chocolate', 'Rice Crackers', 'Dried Mango'],
} as const;

/** Builds the demo tables; the same seed always gives the same rows. */
export function buildDemoDataset(seed = DEMO_SEED): DemoTable[] {
  const random = createSeededRandom(seed);
  const customers = buildCustomers(random);
  const orders = buildOrders(random, customers);
  const products = buildProducts(random);

  return [
    { name: 'customers', columns: CUSTOMER_COLUMNS, rows: customers },
    { name: 'orders', columns: ORDER_COLUMNS, rows: orders },
    { name: 'products', columns: PRODUCT_COLUMNS, rows: products },
  ];
}

const CUSTOMER_COLUMNS: DataColumn[] = [
  { name: 'customerId', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'country', type: 'text' },
  { name: 'city', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'vip', type: 'boolean' },
  { name: 'signupDate', type: 'date' },
];

const ORDER_COLUMNS: DataColumn[] = [
  { name: 'orderNumber', type: 'number' },
  { name: 'customerId', type: 'text' },
  { name: 'orderDate', type: 'date' },
  { name: 'total', type: 'number' },
  { name: 'status', type: 'text' },
  { name: 'shipCountry', type: 'text' },
];

const PRODUCT_COLUMNS: DataColumn[] = [
  { name: 'name', type: 'text' },
  { name: 'category', type: 'text' },
  { name: 'price', type: 'number' },
  { name: 'stock', type: 'number' },
  { name: 'discontinued', type: 'boolean' },
];

function buildCustomers(random: SeededRandom): Record<string, unknown>[] {
  return Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, index) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const country = random.pick(Object.keys(CITIES_BY_COUNTRY) as Country[]);

    return {
      customerId: `C${String(index + 1).padStart(3, '0')}`,
      name: `${first} ${last}`,
      country,
      city: random.pick(CITIES_BY_COUNTRY[country]),
      email: `${first}.${last}${index + 1}@example.com`.toLowerCase(),
      vip: random.chance(0.2),
      signupDate: dayInRange(random, '2022-01-01', '2024-06-30'),
    };
  });
}

function buildOrders(
  random: SeededRandom,
  customers: Record<string, unknown>[],
): Record<string, unknown>[] {
  const orders = Array.from({ length: DEMO_ORDER_COUNT }, () => {
    const customer = random.pick(customers);
    const shipsAbroad = random.chance(0.1);
    const country = shipsAbroad
      ? random.pick(Object.keys(CITIES_BY_COUNTRY))
      : (customer.country as string);

    return {
      customerId: customer.customerId,
      orderDate: timeInRange(random, '2024-01-01', '2024-12-31'),
      total: orderTotal(random, customer.vip === true),
      status: weightedStatus(random),
      shipCountry: country,
    };
  });

  orders.sort((a, b) => a.orderDate.localeCompare(b.orderDate));
  return orders.map((order, index) => ({ orderNumber: 10_001 + index, ...order }));
}

function buildProducts(random: SeededRandom): Record<string, unknown>[] {
  const products = Object.entries(PRODUCTS_BY_CATEGORY).flatMap(([category, names]) =>
    names.map((name) => ({ name, category })),
  );

  return products.slice(0, DEMO_PRODUCT_COUNT).map((product) => {
    const discontinued = random.chance(0.1);
    return {
      ...product,
      price: random.integer(150, 4_500) / 100,
      stock: discontinued ? 0 : random.integer(0, 240),
      discontinued,
    };
  });
}

/** Draws an order total in euros with cents: mostly small baskets, a few large ones, more for VIPs. */
function orderTotal(random: SeededRandom, isVip: boolean): number {
  const base = 12 + random.next() ** 3 * 900;
  const cents = Math.round(base * (isVip ? 1.6 : 1) * 100);
  return cents / 100;
}

function weightedStatus(random: SeededRandom): string {
  let roll = random.next();
  for (const [status, weight] of ORDER_STATUSES) {
    if (roll < weight) return status;
    roll -= weight;
  }
  return ORDER_STATUSES[0][0];
}

/** Draws a midnight-UTC date between two ISO dates, both included. */
function dayInRange(random: SeededRandom, from: string, to: string): string {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return new Date(Date.parse(from) + random.integer(0, days) * 86_400_000).toISOString();
}

/** Draws an instant between two ISO dates, to the minute. */
function timeInRange(random: SeededRandom, from: string, to: string): string {
  const minutes = (Date.parse(to) - Date.parse(from)) / 60_000;
  return new Date(Date.parse(from) + random.integer(0, minutes) * 60_000).toISOString();
}
