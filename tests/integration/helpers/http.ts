/**
 * A minimal HTTP client per "device": plain fetch plus a cookie jar sent back in
 * a `Cookie` header, as the contract says a non-browser client authenticates.
 */
/** Test code reads answers loosely and asserts their shape itself. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse<T = Json> {
	status: number;
	headers: Headers;
	/** Parsed JSON when the answer is JSON, otherwise undefined. */
	body: T;
	text: string;
	bytes: Uint8Array;
	/** Raw `Set-Cookie` lines of this answer. */
	setCookies: string[];
}

export interface RequestOptions {
	/** Sent as is instead of JSON-encoding `body` (e.g. malformed JSON). */
	raw?: string;
	headers?: Record<string, string>;
}

export class Device {
	private readonly jar = new Map<string, string>();

	constructor(
		/** Changes when the server restarts on another port; the cookies stay. */
		public baseUrl: string,
		private readonly defaultHeaders: Record<string, string> = {}
	) {}

	/** The `Cookie` header this device sends (empty string when it has no cookies). */
	get cookie(): string {
		return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	cookieValue(name: string): string | undefined {
		return this.jar.get(name);
	}

	setCookie(name: string, value: string): void {
		this.jar.set(name, value);
	}

	async request<T = Json>(
		method: string,
		path: string,
		body?: unknown,
		options: RequestOptions = {}
	): Promise<ApiResponse<T>> {
		const headers: Record<string, string> = { ...this.defaultHeaders, ...options.headers };
		if (this.jar.size > 0) headers.cookie = this.cookie;
		let payload: string | undefined;
		if (options.raw !== undefined) payload = options.raw;
		else if (body !== undefined) payload = JSON.stringify(body);
		if (payload !== undefined) headers['content-type'] ??= 'application/json';
		const response = await fetch(new URL(path, this.baseUrl), {
			method,
			headers,
			body: payload,
			redirect: 'manual'
		});
		const bytes = new Uint8Array(await response.arrayBuffer());
		const text = new TextDecoder().decode(bytes);
		let parsed: unknown;
		if (response.headers.get('content-type')?.includes('application/json') && text !== '') {
			parsed = JSON.parse(text);
		}
		const setCookies = response.headers.getSetCookie();
		this.store(setCookies);
		return {
			status: response.status,
			headers: response.headers,
			body: parsed as T,
			text,
			bytes,
			setCookies
		};
	}

	get<T = Json>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
		return this.request<T>('GET', path, undefined, options);
	}

	post<T = Json>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
		return this.request<T>('POST', path, body, options);
	}

	private store(setCookies: string[]): void {
		for (const line of setCookies) {
			const [pair, ...attributes] = line.split(';');
			const separator = pair.indexOf('=');
			const name = pair.slice(0, separator).trim();
			const value = pair.slice(separator + 1).trim();
			const expired = attributes.some((attribute) => {
				const [key, val = ''] = attribute.trim().split('=');
				if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
				if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
				return false;
			});
			if (expired || value === '') this.jar.delete(name);
			else this.jar.set(name, value);
		}
	}
}

/** The attributes of one `Set-Cookie` line, lower-cased names, for checking flags. */
export function cookieAttributes(line: string): { name: string; value: string; flags: Map<string, string> } {
	const [pair, ...attributes] = line.split(';');
	const separator = pair.indexOf('=');
	const flags = new Map<string, string>();
	for (const attribute of attributes) {
		const [key, ...rest] = attribute.trim().split('=');
		flags.set(key.toLowerCase(), rest.join('='));
	}
	return { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim(), flags };
}
