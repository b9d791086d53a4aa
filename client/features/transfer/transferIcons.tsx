import type { SVGProps } from "react";

type P = SVGProps<SVGSVGElement> & { size?: number };

/** Stroke icons (24×24) for the import and export screens; decorative like ui/icons.tsx. */
function Icon({ d, size = 16, ...rest }: P & { d: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d={d} />
    </svg>
  );
}

export const IconUpload = (p: P) => (
  <Icon d="M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" {...p} />
);
export const IconDownload = (p: P) => (
  <Icon d="M12 4v12M7 11l5 5 5-5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" {...p} />
);
export const IconFile = (p: P) => (
  <Icon
    d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8zM14 3v5h5M9 13h6M9 17h6"
    {...p}
  />
);
export const IconTrash = (p: P) => (
  <Icon d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" {...p} />
);
export const IconAlert = (p: P) => (
  <Icon
    d="M12 9v4M12 17h.01M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"
    {...p}
  />
);
export const IconUndo = (p: P) => <Icon d="M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" {...p} />;
