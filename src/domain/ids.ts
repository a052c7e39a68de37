/** Branded identifiers: a HostId can never be passed where a ServerId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type HostId = Brand<string, "HostId">;
export type ServerId = Brand<string, "ServerId">;
export type TenantId = Brand<string, "TenantId">;
export type FlavourId = Brand<string, "FlavourId">;
export type ZoneId = Brand<string, "ZoneId">;
export type RackId = Brand<string, "RackId">;
export type AggregateId = Brand<string, "AggregateId">;
export type ServerGroupId = Brand<string, "ServerGroupId">;

/** Casts a plain string to a branded id; used at the decode boundary only. */
export const asId = <I extends Brand<string, string>>(value: string): I => value as I;
