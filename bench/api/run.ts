// Placeholder replaced by the API benchmark.
export {};
