import type { SVGProps } from "react";

/** A handful of stroke icons (24×24 grid), decorative: the text next to them carries the meaning. */
function Icon({ d, size = 16, ...rest }: SVGProps<SVGSVGElement> & { d: string; size?: number }) {
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

type P = SVGProps<SVGSVGElement> & { size?: number };

export const IconChevronRight = (p: P) => <Icon d="M9 6l6 6-6 6" {...p} />;
export const IconChevronLeft = (p: P) => <Icon d="M15 6l-6 6 6 6" {...p} />;
export const IconPlus = (p: P) => <Icon d="M12 5v14M5 12h14" {...p} />;
export const IconPencil = (p: P) => (
  <Icon d="M4 20h4L18.5 9.5a2.1 2.1 0 0 0-4-4L4 16v4M13.5 6.5l4 4" {...p} />
);
export const IconArrowUp = (p: P) => <Icon d="M12 19V5M6 11l6-6 6 6" {...p} />;
export const IconArrowDown = (p: P) => <Icon d="M12 5v14M6 13l6 6 6-6" {...p} />;
export const IconArrowRight = (p: P) => <Icon d="M5 12h14M13 6l6 6-6 6" {...p} />;
export const IconMinus = (p: P) => <Icon d="M5 12h14" {...p} />;
export const IconPrinter = (p: P) => (
  <Icon
    d="M7 17H5a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-2M7 9V3h10v6M7 14h10v7H7z"
    {...p}
  />
);
export const IconLock = (p: P) => <Icon d="M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4" {...p} />;
export const IconChart = (p: P) => <Icon d="M4 19h16M4 15l5-5 4 4 7-7" {...p} />;
export const IconCycle = (p: P) => (
  <Icon d="M20 11a8 8 0 0 0-14.9-3M4 5v4h4M4 13a8 8 0 0 0 14.9 3M20 19v-4h-4" {...p} />
);
export const IconCheck = (p: P) => <Icon d="M5 12l5 5L20 7" {...p} />;
export const IconSearch = (p: P) => (
  <Icon d="M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4" {...p} />
);
export const IconSun = (p: P) => (
  <Icon
    d="M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"
    {...p}
  />
);
export const IconMoon = (p: P) => <Icon d="M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5z" {...p} />;
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
