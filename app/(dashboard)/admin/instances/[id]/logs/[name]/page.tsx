import { logViewerRoute } from "../../../../../_shared/log-viewer-route";

const route = logViewerRoute("admin");

export const generateMetadata = route.generateMetadata;
export default route.Page;
