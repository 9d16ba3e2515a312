import { logViewerRoute } from "../../../../../_shared/log-viewer-route";

const route = logViewerRoute("project");

export const generateMetadata = route.generateMetadata;
export default route.Page;
