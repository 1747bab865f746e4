import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Readiness probe for start.sh: succeeds once the broker answers a metadata (DescribeCluster) request
 * and has a controller. Run with the broker's own classpath: java -cp '.kafka/lib/<v>/*' Probe.java host:port seconds
 * It uses the Java client shipped with the broker, so it says nothing about kafkajs.
 */
public class Probe {
  public static void main(String[] args) throws Exception {
    String brokers = args.length > 0 ? args[0] : "127.0.0.1:9092";
    long deadline = System.currentTimeMillis() + 1000L * (args.length > 1 ? Integer.parseInt(args[1]) : 60);
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    Exception last = null;
    try (Admin admin = Admin.create(props)) {
      while (System.currentTimeMillis() < deadline) {
        try {
          DescribeClusterResult cluster = admin.describeCluster();
          String id = cluster.clusterId().get(3, TimeUnit.SECONDS);
          int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
          if (cluster.controller().get(3, TimeUnit.SECONDS) != null && nodes > 0) {
            System.out.println("broker ready: cluster " + id + ", " + nodes + " node(s)");
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        Thread.sleep(250);
      }
    }
    System.err.println("broker not ready at " + brokers + (last == null ? "" : ": " + last));
    System.exit(1);
  }
}
