package io.acapromoter.hostcontract;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Plays the Azure Functions Java worker in a fresh JVM, for {@code HostContractIT}: the working
 * directory is the package root; the app is loaded from the {@code scriptFile} of each generated
 * {@code function.json} plus {@code lib/*} in its own class loader whose parent is the platform
 * loader, so nothing from this JVM's class path (tests, the embedded runtime) can stand in for a
 * class the package lacks (the worker's own core library, {@code -Dhost.worker.libs}, sits between).
 * Each case invokes one function's {@code entryPoint} with a sample
 * payload, binding parameters the way the worker does: HTTP requests, Event Grid and timer strings,
 * activity inputs through the app's own Gson, orchestrations through durabletask's
 * {@code OrchestrationRunner} (what the durable middleware does), the Durable client from its
 * binding JSON. Uses the JDK only; prints one line per case: {@code CASE name OK|THREW detail}.
 *
 * <p>Arguments: the cases file, one case per line: {@code function<TAB>method<TAB>query<TAB>payloadFile}
 * ({@code -} for none). The Durable client's RPC endpoint is a closed local port: calls through it
 * fail with gRPC UNAVAILABLE, which proves the transport loaded.
 */
public final class HostHarness {

    private static final int CASE_TIME_CAP_SECONDS = 60;

    private HostHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<String> cases = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        Map<String, URLClassLoader> loaders = new java.util.concurrent.ConcurrentHashMap<>();
        // Cases run side by side, each under a time cap: functions that call Azure meet closed ports
        // and the credential's retries, which take time and prove nothing more when run in a row.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        List<java.util.concurrent.Future<String>> results = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : cases) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            names.add(c[0]);
            results.add(pool.submit(() -> runCase(root, loaders, c)));
        }
        for (int i = 0; i < results.size(); i++) {
            String outcome;
            try {
                outcome = results.get(i).get(CASE_TIME_CAP_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                outcome = "TIMEOUT after " + CASE_TIME_CAP_SECONDS + " s";
            }
            System.out.println("CASE " + names.get(i) + " " + outcome.replace('\n', ' ').replace('\r', ' '));
        }
        System.out.flush();
    }

    private static String runCase(Path root, Map<String, URLClassLoader> loaders, String[] c) {
        String function = c[0];
        try {
            Map<String, String> fn = FunctionJson.read(root.resolve(function).resolve("function.json"));
            Path jar = root.resolve(function).resolve(fn.get("scriptFile")).normalize();
            URLClassLoader loader = loaders.computeIfAbsent(jar.toString(), k -> appLoader(root, jar));
            Object result = invoke(loader, function, fn, c[1], c[2], "-".equals(c[3]) ? null : Files.readString(Path.of(c[3])));
            return "OK " + describe(result);
        } catch (Throwable t) {
            return "THREW " + chain(t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t);
        }
    }

    private static URLClassLoader appLoader(Path root, Path jar) {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> libs = Files.list(root.resolve("lib"))) {
            urls.add(jar.toUri().toURL());
            for (Path lib : libs.sorted().toList()) {
                urls.add(lib.toUri().toURL());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root.resolve("lib"), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), workerLoader());
    }

    /**
     * What the Java worker itself provides to every app: the core library (ExecutionContext,
     * HttpRequestMessage, …), which the Functions Maven plugin therefore leaves out of {@code lib/}.
     */
    private static ClassLoader workerLoader() {
        String jars = System.getProperty("host.worker.libs", "");
        List<URL> urls = new ArrayList<>();
        for (String jar : jars.split(java.io.File.pathSeparator)) {
            if (!jar.isBlank()) {
                try {
                    urls.add(Path.of(jar).toUri().toURL());
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalArgumentException(jar, e);
                }
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Object invoke(ClassLoader loader, String function, Map<String, String> fn, String httpMethod,
                                 String query, String payload) throws Exception {
        Thread.currentThread().setContextClassLoader(loader);
        String entryPoint = fn.get("entryPoint");
        int dot = entryPoint.lastIndexOf('.');
        Class<?> type = Class.forName(entryPoint.substring(0, dot), true, loader);
        Method method = Stream.of(type.getMethods()).filter(m -> m.getName().equals(entryPoint.substring(dot + 1)))
                .findFirst().orElseThrow(() -> new NoSuchMethodException(entryPoint));
        Object target = type.getDeclaredConstructor().newInstance();
        if (hasAnnotation(method.getParameters()[0], "DurableOrchestrationTrigger")) {
            return runOrchestrator(loader, target, method, payload);
        }
        Object[] args = new Object[method.getParameterCount()];
        Map<String, String> queryMap = parseQuery(query);
        for (int i = 0; i < args.length; i++) {
            args[i] = bind(loader, function, method.getParameters()[i], httpMethod, queryMap, payload);
        }
        return method.invoke(target, args);
    }

    private static Object bind(ClassLoader loader, String function, Parameter p, String httpMethod,
                               Map<String, String> query, String payload) throws Exception {
        if (hasAnnotation(p, "HttpTrigger")) {
            return httpRequest(loader, httpMethod, query, payload);
        }
        if (hasAnnotation(p, "EventGridTrigger") || hasAnnotation(p, "TimerTrigger")) {
            return payload;
        }
        if (hasAnnotation(p, "BindingName")) {
            return query.get(annotationValue(p, "BindingName"));
        }
        if (hasAnnotation(p, "DurableClientInput")) {
            return gson(loader, "{\"taskHubName\":\"PromoterHub\",\"rpcBaseUrl\":\"http://127.0.0.1:" + closedPort() + "/\"}",
                    p.getType());
        }
        if (hasAnnotation(p, "DurableActivityTrigger")) {
            return gson(loader, payload, p.getType());
        }
        if (p.getType().getName().equals("com.microsoft.azure.functions.ExecutionContext")) {
            return executionContext(loader, function);
        }
        throw new IllegalArgumentException("the harness cannot bind parameter " + p + " of " + function);
    }

    /** What the durable middleware does: run the orchestrator function inside OrchestrationRunner. */
    private static Object runOrchestrator(ClassLoader loader, Object target, Method method, String base64Request) throws Exception {
        Class<?> runner = Class.forName("com.microsoft.durabletask.OrchestrationRunner", true, loader);
        Class<?> functionType = Class.forName("com.microsoft.durabletask.OrchestratorFunction", true, loader);
        Object orchestratorFunction = Proxy.newProxyInstance(loader, new Class<?>[]{functionType}, (proxy, m, a) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.invoke(target, a);
            }
            try {
                return method.invoke(target, a[0]);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return runner.getMethod("loadAndRun", String.class, functionType).invoke(null, base64Request.strip(), orchestratorFunction);
    }

    private static Object httpRequest(ClassLoader loader, String httpMethod, Map<String, String> query, String body) throws Exception {
        Class<?> requestType = Class.forName("com.microsoft.azure.functions.HttpRequestMessage", true, loader);
        Class<?> methodType = Class.forName("com.microsoft.azure.functions.HttpMethod", true, loader);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object verb = Enum.valueOf((Class) methodType, httpMethod);
        Map<String, String> headers = new HashMap<>();
        if (body != null && "POST".equals(httpMethod)) {
            headers.put("content-type", "application/x-www-form-urlencoded");
        }
        URI uri = URI.create("https://promoter.example.net/api/x" + (query.isEmpty() ? "" : "?" + encodeQuery(query)));
        InvocationHandler handler = (proxy, m, a) -> switch (m.getName()) {
            case "getUri" -> uri;
            case "getHttpMethod" -> verb;
            case "getHeaders" -> headers;
            case "getQueryParameters" -> query;
            case "getBody" -> Optional.ofNullable(body);
            case "createResponseBuilder" -> responseBuilder(loader, a[0]);
            case "toString" -> "HttpRequestMessage[" + httpMethod + " " + uri + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == a[0];
            default -> throw new UnsupportedOperationException("HttpRequestMessage." + m.getName());
        };
        return Proxy.newProxyInstance(loader, new Class<?>[]{requestType}, handler);
    }

    private static Object responseBuilder(ClassLoader loader, Object status) throws Exception {
        Class<?> builderType = Class.forName("com.microsoft.azure.functions.HttpResponseMessage$Builder", true, loader);
        Class<?> responseType = Class.forName("com.microsoft.azure.functions.HttpResponseMessage", true, loader);
        Map<String, String> headers = new HashMap<>();
        Object[] body = new Object[1];
        Object[] state = {status};
        InvocationHandler response = (proxy, m, a) -> switch (m.getName()) {
            case "getStatus", "getHttpStatus" -> state[0];
            case "getStatusCode" -> Class.forName("com.microsoft.azure.functions.HttpStatusType", true, loader)
                    .getMethod("value").invoke(state[0]);
            case "getHeader" -> headers.get(a[0]);
            case "getBody" -> body[0];
            case "toString" -> "HttpResponseMessage[" + state[0] + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == a[0];
            default -> throw new UnsupportedOperationException("HttpResponseMessage." + m.getName());
        };
        Object built = Proxy.newProxyInstance(loader, new Class<?>[]{responseType}, response);
        InvocationHandler builder = (proxy, m, a) -> switch (m.getName()) {
            case "status" -> {
                state[0] = a[0];
                yield proxy;
            }
            case "header" -> {
                headers.put((String) a[0], (String) a[1]);
                yield proxy;
            }
            case "body" -> {
                body[0] = a[0];
                yield proxy;
            }
            case "build" -> built;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == a[0];
            case "toString" -> "Builder";
            default -> throw new UnsupportedOperationException("HttpResponseMessage.Builder." + m.getName());
        };
        return Proxy.newProxyInstance(loader, new Class<?>[]{builderType}, builder);
    }

    private static Object executionContext(ClassLoader loader, String function) throws Exception {
        Class<?> contextType = Class.forName("com.microsoft.azure.functions.ExecutionContext", true, loader);
        Logger logger = Logger.getLogger("Host.Function." + function);
        String invocationId = UUID.randomUUID().toString();
        InvocationHandler handler = (proxy, m, a) -> switch (m.getName()) {
            case "getLogger" -> logger;
            case "getInvocationId" -> invocationId;
            case "getFunctionName" -> function;
            case "toString" -> "ExecutionContext[" + function + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == a[0];
            default -> null;
        };
        return Proxy.newProxyInstance(loader, new Class<?>[]{contextType}, handler);
    }

    /** Binds JSON with the app's own Gson, as the worker binds activity inputs and binding data. */
    private static Object gson(ClassLoader loader, String json, Class<?> type) throws Exception {
        Class<?> gsonType = Class.forName("com.google.gson.Gson", true, loader);
        Object gson = gsonType.getDeclaredConstructor().newInstance();
        return gsonType.getMethod("fromJson", String.class, Class.class).invoke(gson, json, type);
    }

    private static boolean hasAnnotation(Parameter p, String simpleName) {
        for (Annotation a : p.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static String annotationValue(Parameter p, String simpleName) throws Exception {
        for (Annotation a : p.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                return (String) a.annotationType().getMethod("value").invoke(a);
            }
        }
        throw new IllegalArgumentException(simpleName);
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> map = new HashMap<>();
        if (query == null || query.isBlank() || "-".equals(query)) {
            return map;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

    private static String encodeQuery(Map<String, String> query) {
        return String.join("&", query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String describe(Object result) throws Exception {
        if (result == null) {
            return "null";
        }
        for (Class<?> i : result.getClass().getInterfaces()) {
            if (i.getName().equals("com.microsoft.azure.functions.HttpResponseMessage")) {
                return "http " + i.getMethod("getStatusCode").invoke(result);
            }
        }
        String text = String.valueOf(result);
        return result.getClass().getName() + " " + (text.length() > 300 ? text.substring(0, 300) : text);
    }

    private static String chain(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = String.valueOf(c.getMessage());
            out.append(c.getClass().getName()).append(": ")
                    .append(message.length() > 300 ? message.substring(0, 300) : message).append(" <- ");
        }
        // Where the app was when it failed: its own frames of the outermost exception.
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("io.acapromoter.") && !frame.getClassName().contains("hostcontract")) {
                out.append(" at ").append(frame);
            }
        }
        return out.toString();
    }

    /** The two fields the harness needs from a generated function.json, read without a JSON library. */
    static final class FunctionJson {
        private FunctionJson() {
        }

        static Map<String, String> read(Path file) throws IOException {
            String json = Files.readString(file);
            Map<String, String> fields = new HashMap<>();
            for (String key : List.of("scriptFile", "entryPoint")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
                if (!m.find()) {
                    throw new IllegalStateException(file + " has no " + key);
                }
                fields.put(key, m.group(1));
            }
            return fields;
        }
    }
}
