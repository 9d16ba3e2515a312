"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type InputHTMLAttributes } from "react";
import { Button } from "@/components/ui/button";
import { useAuthConfig, useLogin } from "@/lib/api/session";

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-950";

function Field({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {hint ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> {hint}</span> : null}
      </label>
      <input id={id} {...input} className={inputClass} />
    </div>
  );
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const login = useLogin();
  const config = useAuthConfig();
  const keystone = config.data?.identity === "keystone";
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  // Untouched, the domain field shows (and sends) the server's default.
  const [domain, setDomain] = useState<string | undefined>(undefined);
  const [project, setProject] = useState("");
  const domainValue = domain ?? config.data?.default_domain ?? "Default";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = keystone
      ? { username, password, domain: domainValue, project: project.trim() || undefined }
      : { username, password };
    login.mutate(body, { onSuccess: () => router.replace(next) });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        value={username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {keystone ? (
        <>
          <Field
            label="User domain"
            name="domain"
            autoComplete="off"
            required
            value={domainValue}
            onChange={(event) => setDomain(event.target.value)}
          />
          <Field
            label="Project"
            hint="(optional: name or ID; your default project otherwise)"
            name="project"
            autoComplete="off"
            value={project}
            onChange={(event) => setProject(event.target.value)}
          />
        </>
      ) : null}
      {login.error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {login.error.message}
        </p>
      ) : null}
      <Button type="submit" variant="primary" loading={login.isPending} className="w-full">
        {login.isPending ? "Logging in…" : "Log in"}
      </Button>
      {keystone ? (
        <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">
          Signing in with OpenStack Keystone
        </p>
      ) : null}
    </form>
  );
}
