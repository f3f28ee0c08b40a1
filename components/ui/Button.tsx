import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
}

/** A button in the app's style; `type` defaults to `button` so it never submits by accident. */
export function Button({ variant = 'secondary', size = 'md', className, ...props }: ButtonProps) {
  const classes = ['btn', `btn--${variant}`, size === 'sm' ? 'btn--sm' : '', className ?? ''];
  return <button type="button" {...props} className={classes.filter(Boolean).join(' ')} />;
}
