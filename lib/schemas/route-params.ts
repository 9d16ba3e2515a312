import { z } from "zod";
import { instanceIdSchema } from "./instance";
import { logNameSchema } from "./log";

export const instanceParamsSchema = z.object({ id: instanceIdSchema });
export const logParamsSchema = z.object({ id: instanceIdSchema, name: logNameSchema });
