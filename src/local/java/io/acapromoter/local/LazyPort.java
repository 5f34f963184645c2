package io.acapromoter.local;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A port whose implementation is still being built (the Azure SDK clients of a local run take a second or
 * more to construct, most of it class loading): every call waits until it is there, then goes to it. So
 * the local server can take events while the clients are built on another core; the first activity that
 * needs Azure waits for them, and a failure to build them is that call's failure.
 */
final class LazyPort {

    private LazyPort() {
    }

    static <T> T of(Class<T> port, CompletableFuture<? extends T> implementation) {
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port + " is not an interface");
        }
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> port.getSimpleName() + (implementation.isDone() ? " " + implementation.getNow(null) : " (being built)");
                };
            }
            T target;
            try {
                target = implementation.join();
            } catch (CompletionException e) {
                throw e.getCause() != null ? e.getCause() : e;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
