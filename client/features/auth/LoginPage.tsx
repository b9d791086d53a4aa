import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useSession } from "./session";
import { LanguageSwitcher } from "../../ui/LanguageSwitcher";
import { Logo } from "../../ui/Logo";

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(email, password);
    setBusy(false);
    // On failure the typed e-mail stays; only the message changes.
    if (!result.ok) setError(result.message);
  }

  return (
    <Center mih="100vh" p="md" className="login-backdrop">
      <Paper component="main" withBorder shadow="md" radius="md" p="xl" w={420} maw="100%">
        <Stack gap="lg">
          <Group justify="space-between" align="center">
            <Logo />
            <LanguageSwitcher compact />
          </Group>
          <div>
            <Title order={1} size="h2">
              {t("auth.title")}
            </Title>
            <Text c="dimmed" size="sm">
              {t("app.tagline")}
            </Text>
          </div>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              {error && (
                <Alert color="red" role="alert" variant="light">
                  {error}
                </Alert>
              )}
              <TextInput
                label={t("auth.email")}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <PasswordInput
                label={t("auth.password")}
                autoComplete="current-password"
                visibilityToggleButtonProps={{ "aria-label": t("auth.togglePassword") }}
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={busy} fullWidth>
                {busy ? t("auth.signingIn") : t("auth.submit")}
              </Button>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </Center>
  );
}
