import { Group, Text } from "@mantine/core";

export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
        <circle cx="16" cy="16" r="15" fill="var(--mantine-color-koers-7)" />
        <path d="M16 5 L21 19 L16 15.5 L11 19 Z" fill="white" />
      </svg>
      <Text fw={700} size="lg">
        Koers
      </Text>
    </Group>
  );
}
