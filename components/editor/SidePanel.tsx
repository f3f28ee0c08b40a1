'use client';

import { useState } from 'react';

import { ConfigPanel } from './config/ConfigPanel';
import { ProblemsList } from './ProblemsList';
import { VersionList } from './VersionList';

type Tab = 'block' | 'versions';

/** The right-hand panel: the selected block's settings or the version list, and the problems. */
export function SidePanel() {
  const [tab, setTab] = useState<Tab>('block');

  return (
    <div className="side-panel">
      <div className="tabs" role="tablist" aria-label="Side panel">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'block'}
          className="tabs__tab"
          onClick={() => setTab('block')}
        >
          Block
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'versions'}
          className="tabs__tab"
          data-testid="versions-tab"
          onClick={() => setTab('versions')}
        >
          Versions
        </button>
      </div>
      <div className="side-panel__content" role="tabpanel">
        {tab === 'block' ? <ConfigPanel /> : <VersionList />}
      </div>
      <ProblemsList />
    </div>
  );
}
