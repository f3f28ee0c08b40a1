'use client';

import { useContext } from 'react';

import { ToastContext, type ShowToast } from './Toaster';

/** Returns the function that shows a toast; outside a `<Toaster>` it does nothing. */
export function useToast(): ShowToast {
  return useContext(ToastContext) ?? noop;
}

function noop(): void {}
