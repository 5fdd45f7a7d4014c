import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule } from './access.decorators.js';

export interface RouteDescription {
  method: string;
  /** Express-style path, e.g. `/api/admin/users/:userId/roles`. */
  path: string;
  controller: string;
  handler: string;
  /** What the handler declares; undefined when it declares nothing (the guard then refuses it). */
  access?: AccessRule;
}

/** Every controller route of a running Nest app, with the access rule it declares. */
export function listRoutes(app: INestApplication): RouteDescription[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteDescription[] = [];
  const seen = new Set<unknown>();
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!controller || seen.has(controller)) continue;
    seen.add(controller);
    const prefixes = asArray(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
    for (const name of scanner.getAllMethodNames(controller.prototype as object)) {
      const handler = (controller.prototype as Record<string, unknown>)[name] as object;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (paths === undefined || method === undefined) continue;
      const access = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
        handler as () => void,
        controller,
      ]);
      for (const prefix of prefixes) {
        for (const path of asArray(paths)) {
          routes.push({
            method: RequestMethod[method],
            path: joinPath(prefix, path),
            controller: controller.name,
            handler: name,
            ...(access ? { access } : {}),
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function asArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? value : [value];
}

function joinPath(prefix: string, path: string): string {
  const joined = `/${[prefix, path]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined;
}
