/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly modules stay outside the server bundle and load from node_modules.
  serverExternalPackages: ['isolated-vm', '@electric-sql/pglite', 'pino', 'postgres'],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
