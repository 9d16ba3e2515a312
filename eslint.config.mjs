import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// One-way imports: browser code (components, lib/api, pages) may never reach into lib/server.
const noServerImports = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["@/lib/server/*", "**/lib/server/*"],
          allowTypeImports: true,
          message: "Browser code must not import lib/server (server-only); go through an API route.",
        },
      ],
    },
  ],
};

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["components/**", "lib/api/**", "app/**/page.tsx", "app/**/layout.tsx", "app/**/*-client.tsx"],
    rules: noServerImports,
  },
  {
    // The engine and the stores are plain TypeScript: no Next.js inside lib/server.
    files: ["lib/server/**", "lib/schemas/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*", "react", "react-dom"],
              message: "lib/server must not import Next.js or React.",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
