/**
 * This plugin's table, for each dialect. Migrations are known by name once applied: a name
 * never changes, a landed migration is never edited; a change is a new class added to the end.
 * @param {Record<string, any>} host the plugin host (README: Write a plugin)
 */
export function energyMeterMigrations({ Migration }) {
  class Migration20261130200000_EnergyMeterReadingsMysql extends Migration {
    async up() {
      this.addSql(
        'create table `energy_meter_readings` (`id` int unsigned not null auto_increment primary key, `meter_code` varchar(16) not null, `reading` double not null, `read_by` varchar(64) not null, `read_at` datetime(3) not null) default character set utf8mb4 engine = InnoDB;',
      );
      this.addSql(
        'alter table `energy_meter_readings` add index `energy_meter_readings_meter_code_read_at_index`(`meter_code`, `read_at`);',
      );
    }
  }

  class Migration20261130200000_EnergyMeterReadingsSqlite extends Migration {
    async up() {
      this.addSql(
        'create table `energy_meter_readings` (`id` integer not null primary key autoincrement, `meter_code` text not null, `reading` double not null, `read_by` text not null, `read_at` datetime not null);',
      );
      this.addSql(
        'create index `energy_meter_readings_meter_code_read_at_index` on `energy_meter_readings` (`meter_code`, `read_at`);',
      );
    }
  }

  // The same name in both dialects: a database records it under the name, whichever dialect it is.
  const name = 'Migration20261130200000_EnergyMeterReadings';
  return {
    mysql: [{ name, class: Migration20261130200000_EnergyMeterReadingsMysql }],
    sqlite: [{ name, class: Migration20261130200000_EnergyMeterReadingsSqlite }],
  };
}
