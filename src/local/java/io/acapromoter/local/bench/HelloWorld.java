package io.acapromoter.local.bench;

/** The yardstick of the cold-start figure: a JVM that starts, prints and exits. */
final class HelloWorld {

    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
