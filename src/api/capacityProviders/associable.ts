/**
 * Which Auto Scaling group capacity providers a cluster may take: ACTIVE ones that no other ACTIVE cluster holds
 * (an Auto Scaling group provider belongs to one cluster; wording of the refusals in `capacityProviderStrategy.ts`).
 *
 * @module
 */
import type { WorldTxn } from '../../domain/txn.js';

/** Names of the ACTIVE Auto Scaling group providers that `clusterName` (absent: a new cluster) may associate. */
export function associableProviders(tx: WorldTxn, clusterName?: string): ReadonlySet<string> {
  const held = new Set<string>();
  for (const c of tx.table('clusters').values()) {
    if (c.status === 'ACTIVE' && c.name !== clusterName) for (const p of c.capacityProviders) held.add(p);
  }
  const out = new Set<string>();
  for (const p of tx.table('capacityProviders').values()) if (p.status === 'ACTIVE' && !held.has(p.name)) out.add(p.name);
  return out;
}
