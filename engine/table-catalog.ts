/**
 * The data tables a run has looked up, by name. A table's columns never change after it is
 * created, so one lookup per name serves the whole run.
 */

import type { DataAccess, DataColumn, DataTableInfo } from './data';
import { raceAbort } from './limits';
import { columnsByName } from './overlay';

export interface CatalogTable {
  info: DataTableInfo;
  columns: ReadonlyMap<string, DataColumn>;
}

type Measure = (call: () => Promise<CatalogTable | null>) => Promise<CatalogTable | null>;

export class TableCatalog {
  private readonly tables = new Map<string, Promise<CatalogTable | null>>();

  constructor(
    private readonly data: DataAccess,
    private readonly tenantId: string,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * Returns the table of this name, or null when the tenant has none. Only a name not looked up
   * before reaches the database, through `measure`, which a step uses to count database time.
   */
  find(name: string, measure: Measure = (call) => call()): Promise<CatalogTable | null> {
    let table = this.tables.get(name);
    if (!table) {
      table = measure(() => this.lookUp(name));
      this.tables.set(name, table);
      // A failed lookup is not kept, so a later block may try again.
      table.catch(() => this.tables.delete(name));
    }
    return table;
  }

  private async lookUp(name: string): Promise<CatalogTable | null> {
    const info = await raceAbort(this.data.findTable(this.tenantId, name), this.signal);
    return info ? { info, columns: columnsByName(info.columns) } : null;
  }
}
