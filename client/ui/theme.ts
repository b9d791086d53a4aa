import { createTheme, type MantineColorsTuple } from "@mantine/core";

// The organisation's blue (Brussels region), from light to dark.
const koers: MantineColorsTuple = [
  "#e8f1fb",
  "#cfe0f3",
  "#9ebfe6",
  "#6a9cd9",
  "#417fce",
  "#286cc8",
  "#1a62c6",
  "#0d51af",
  "#02489d",
  "#003d8b",
];

export const theme = createTheme({
  primaryColor: "koers",
  primaryShade: { light: 7, dark: 3 },
  // Dark text on light fills where white would lack contrast (WCAG AA).
  autoContrast: true,
  colors: { koers },
  fontFamily: "Inter, 'Segoe UI', system-ui, -apple-system, sans-serif",
  headings: {
    fontFamily: "Inter, 'Segoe UI', system-ui, -apple-system, sans-serif",
    fontWeight: "650",
  },
  defaultRadius: "md",
  focusRing: "auto",
});
