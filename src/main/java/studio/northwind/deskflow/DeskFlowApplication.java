package studio.northwind.deskflow;
public class DeskFlowApplication { public static void main(String[] a) {} }
