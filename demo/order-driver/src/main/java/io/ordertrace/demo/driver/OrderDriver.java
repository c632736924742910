package io.ordertrace.demo.driver; public class OrderDriver { public static void main(String[] a){} }
