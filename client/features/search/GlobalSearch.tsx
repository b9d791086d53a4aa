import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import { Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue, useHotkeys } from "@mantine/hooks";
import { useNavigate } from "react-router-dom";
import { graphql } from "../../gql";
import type { SearchHitKind } from "../../gql/graphql";
import { IconSearch } from "../../ui/icons";

export const GlobalSearchQuery = graphql(`
  query GlobalSearch($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      kind
      id
      code
      title
      planId
      planTitle
      path
    }
  }
`);

const KINDS: SearchHitKind[] = ["plan", "objective", "measurement_point"];
const MIN_LENGTH = 2;

interface Hit {
  kind: SearchHitKind;
  id: string;
  planId: string;
}

/** Where a hit leads: a plan and an objective to the plan page, a point to its own page. */
export function hitPath(hit: Hit): string {
  if (hit.kind === "measurement_point") return `/points/${hit.id}`;
  if (hit.kind === "objective") return `/plans/${hit.planId}#objective-${hit.id}`;
  return `/plans/${hit.id}`;
}

/**
 * The header's search: a combobox over plans, objectives and measurement points by code
 * or words, grouped by kind. "/" or Ctrl+K focuses it; arrows move, Enter opens, Escape closes.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState("");
  const [debounced] = useDebouncedValue(value.trim(), 250);
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
    onDropdownOpen: () => combobox.selectFirstOption(),
  });
  const skip = debounced.length < MIN_LENGTH;
  const { data, loading, error } = useQuery(GlobalSearchQuery, {
    variables: { query: debounced, first: 20 },
    skip,
  });
  const hits = skip ? [] : (data?.search ?? []);
  const pending = !skip && (loading || debounced !== value.trim());

  // New results: the first one is the one Enter opens.
  const firstHit = hits[0] ? `${hits[0].kind}:${hits[0].id}` : null;
  useEffect(() => {
    if (firstHit) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the store is stable in use
  }, [firstHit]);

  const focusSearch = () => {
    input.current?.focus();
    input.current?.select();
  };
  useHotkeys([["/", focusSearch]]);
  // Ctrl+K works from inside a field too ("/" there is a character to type).
  useHotkeys([["mod+K", focusSearch]], []);

  function open(id: string) {
    const hit = hits.find((h) => `${h.kind}:${h.id}` === id);
    if (!hit) return;
    combobox.closeDropdown();
    setValue("");
    input.current?.blur();
    void navigate(hitPath(hit));
  }

  const groups = KINDS.map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind) })).filter(
    (g) => g.hits.length > 0,
  );

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal>
      <Combobox.Target>
        <TextInput
          ref={input}
          type="search"
          aria-label={t("search.label")}
          placeholder={t("search.placeholder")}
          leftSection={<IconSearch size={16} />}
          rightSection={
            pending ? (
              <Loader size={14} aria-hidden="true" />
            ) : (
              <Kbd size="xs" aria-hidden="true" visibleFrom="md">
                /
              </Kbd>
            )
          }
          rightSectionPointerEvents="none"
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => value.trim().length >= MIN_LENGTH && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setValue("");
              combobox.closeDropdown();
            }
          }}
          className="global-search"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={value.trim().length < MIN_LENGTH} miw={360}>
        <Combobox.Options aria-label={t("search.results")} mah={420} style={{ overflowY: "auto" }}>
          {groups.map((group) => (
            <Combobox.Group key={group.kind} label={t(`search.kinds.${group.kind}`)}>
              {group.hits.map((hit) => (
                <Combobox.Option value={`${hit.kind}:${hit.id}`} key={`${hit.kind}:${hit.id}`}>
                  <Group gap={8} wrap="nowrap" align="baseline">
                    {hit.code && (
                      <Text size="sm" fw={700} span className="search-code">
                        {hit.code}
                      </Text>
                    )}
                    <Text size="sm" span lineClamp={1}>
                      {hit.title}
                    </Text>
                  </Group>
                  {hit.kind !== "plan" && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {[hit.planTitle, ...hit.path.slice(0, -1)].join(" › ")}
                    </Text>
                  )}
                </Combobox.Option>
              ))}
            </Combobox.Group>
          ))}
          {!pending && groups.length === 0 && (
            <Combobox.Empty>{error ? t("search.failed") : t("search.nothing")}</Combobox.Empty>
          )}
          {pending && groups.length === 0 && (
            <Combobox.Empty>{t("search.searching")}</Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
