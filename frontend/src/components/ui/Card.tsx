import { useId, type HTMLAttributes, type ReactNode } from "react";

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
  /** The card's heading (an `h2`); it also names the card's region. */
  title?: ReactNode;
  /** Shown beside the heading. */
  actions?: ReactNode;
  /** A short line under the heading. */
  description?: ReactNode;
}

export function Card({ title, actions, description, className, children, ...rest }: CardProps) {
  const headingId = useId();
  return (
    <section
      className={["card", className].filter(Boolean).join(" ")}
      aria-labelledby={title ? headingId : undefined}
      {...rest}
    >
      {(title || actions) && (
        <header className="card-header">
          <div>
            {title && (
              <h2 id={headingId} className="card-title">
                {title}
              </h2>
            )}
            {description && <p className="card-description">{description}</p>}
          </div>
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      <div className="card-body">{children}</div>
    </section>
  );
}
