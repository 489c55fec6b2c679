// Vite bundles imported stylesheets; TypeScript only needs to know the imports exist.
declare module '*.css';
