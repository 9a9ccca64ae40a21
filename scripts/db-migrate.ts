// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL or the embedded PostgreSQL.
import { openLocalDatabase } from "../lib/db/local-database";
import { migrateDatabase } from "../lib/db/migrate";

const db = await openLocalDatabase();
try {
  migrateDatabase(db.url);
  console.log("migrations applied");
} finally {
  await db.stop();
}
