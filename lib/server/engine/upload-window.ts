/**
 * Uploads in flight at once while publishing. Each PUT starts only once the previous one has its place
 * in upload order (`onOrdered`), so upload time order stays name order (troveclient sorts by
 * last_modified) while the bodies travel in parallel: one 1 MB PUT at a time leaves Swift idle between
 * round trips. Recovery after a crash relies on it too: only the last UPLOAD_WINDOW objects can have gaps.
 */
export const UPLOAD_WINDOW = 4;
