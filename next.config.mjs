/** @type {import('next').NextConfig} */
const nextConfig = {
  // Log downloads are large and mostly incompressible on the fly at line rate; gzip would cap
  // throughput at ~84 MB/s per core (see performance-anchors.md), so responses go out as they are.
  compress: false,
  poweredByHeader: false,
  // Native or dynamically loaded drivers stay plain Node modules (pg is on Next's own list already).
  serverExternalPackages: ["better-sqlite3", "mysql2", "re2"],
  typedRoutes: false,
};

export default nextConfig;
